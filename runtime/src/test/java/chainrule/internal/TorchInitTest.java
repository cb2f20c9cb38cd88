package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.TorchGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code reference/torch_init_ops.txt} (written by {@code torch_init_ops.py} with PyTorch 1.13.1 on an
 * AVX2 CPU): every initialiser, in the same order after the same seeds, must give the same float32 bits.
 */
class TorchInitTest {

  @Test
  void everyRecordedInitialisationIsBitIdenticalToTorch() throws IOException {
    TorchGenerator generator = null;
    TorchInit init = null;
    int operations = 0;
    long values = 0;
    List<String> failures = new ArrayList<>();
    for (String line : referenceLines()) {
      String[] words = line.split(" ");
      if (words[0].equals("seed")) {
        generator = new TorchGenerator(Long.parseLong(words[1]));
        init = new TorchInit(generator);
        continue;
      }
      assertNotNull(init, "the file starts with a seed line");
      String op = words[0];
      int outs = Integer.parseInt(words[1]);
      int ins = Integer.parseInt(words[2]);
      float[] actual = apply(op, outs, ins, words, generator, init);
      operations++;
      values += actual.length;
      String mismatch = compare(line, words, actual);
      if (mismatch != null) {
        failures.add("line " + operations + " (" + String.join(" ", List.of(words).subList(0, 3)) + "): " + mismatch);
      }
    }
    assertTrue(operations > 150 && values > 800_000, "read " + operations + " operations, " + values + " values");
    assertTrue(failures.isEmpty(), failures.size() + " operations differ from torch:\n" + String.join("\n", failures));
  }

  @Test
  void blockPathTakesOne32BitDrawPerElementPlus16ForATail() {
    TorchGenerator a = new TorchGenerator(5);
    new TorchInit(a).normal(new float[40], 0, 37, 0, 1); // 37 uniforms, then 16 for the refilled tail
    TorchGenerator b = new TorchGenerator(5);
    for (int i = 0; i < 37 + 16; i++) {
      b.nextInt();
    }
    assertEquals(b.nextInt(), a.nextInt());
  }

  @Test
  void scalarPathTakesTwo64BitDrawsPerPairAndCachesTheSine() {
    TorchGenerator a = new TorchGenerator(5);
    TorchInit init = new TorchInit(a);
    float[] three = new float[3];
    init.normal(three, 0, 3, 0, 1); // pairs for elements 0-1 and 2; element 2's sine stays cached
    float[] one = new float[1];
    init.normal(one, 0, 1, 0, 1); // the cached sine, no draw
    TorchGenerator b = new TorchGenerator(5);
    for (int i = 0; i < 2 * 2 * 2; i++) {
      b.nextInt();
    }
    assertEquals(b.nextInt(), a.nextInt());
  }

  @Test
  void logAndSincosMatchDoublePrecisionToAFewUlps() {
    float[] sinCos = new float[2];
    float maxLogUlps = 0;
    float maxTrigUlps = 0;
    for (int i = 1; i <= 1 << 16; i++) {
      float u = i * 0x1p-16f; // (0, 1], the uniforms normal_ takes the log of
      maxLogUlps = Math.max(maxLogUlps, Math.abs(AvxMathFun.log(u) - (float) Math.log(u)) / Math.ulp((float) Math.log(u) == 0 ? 1e-30f : (float) Math.log(u)));
      float theta = (float) (2 * Math.PI) * (i - 1) * 0x1p-16f; // [0, 2π)
      AvxMathFun.sincos(theta, sinCos);
      maxTrigUlps = Math.max(maxTrigUlps, Math.abs(sinCos[0] - (float) Math.sin(theta)) / Math.ulp(1f));
      maxTrigUlps = Math.max(maxTrigUlps, Math.abs(sinCos[1] - (float) Math.cos(theta)) / Math.ulp(1f));
    }
    assertTrue(maxLogUlps <= 2, "log: max " + maxLogUlps + " ulps from the correctly rounded value");
    assertTrue(maxTrigUlps <= 2, "sin/cos: max " + maxTrigUlps + " ulps of 1 from the correctly rounded value");
    assertTrue(Float.isNaN(AvxMathFun.log(0f)) && Float.isNaN(AvxMathFun.log(-1f)), "log of x <= 0 is NaN");
  }

  @Test
  void badArgumentsAreNamed() {
    TorchInit init = new TorchInit(new TorchGenerator(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> init.normal(new float[4], 0, 4, 0, -1));
    assertEquals("normal expects std >= 0.0, but found std -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> init.normal(new float[4], 2, 4, 0, 1));
    assertEquals("dst[2 .. 6) must lie inside dst, which has 4 floats", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> init.xavierUniform(new float[4], 0, 0, 4, 1));
    assertEquals("outs must be > 0, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TorchInit(null));
    assertEquals("generator must not be null", e.getMessage());
  }

  private static float[] apply(String op, int outs, int ins, String[] words, TorchGenerator g, TorchInit init) {
    if (op.equals("linear")) {
      float[] weightAndBias = new float[outs * ins + outs];
      g.initLinear(weightAndBias, 0, ins, outs);
      return weightAndBias;
    }
    float[] w = new float[outs * ins];
    switch (op) {
      case "normal" -> init.normal(w, 0, w.length, Double.parseDouble(words[3]), Double.parseDouble(words[4]));
      case "xavier_uniform" -> init.xavierUniform(w, 0, outs, ins, Double.parseDouble(words[3]));
      case "xavier_normal" -> init.xavierNormal(w, 0, outs, ins, Double.parseDouble(words[3]));
      case "kaiming_uniform" -> init.kaimingUniform(w, 0, outs, ins, TorchInit.RELU_GAIN);
      case "kaiming_normal" -> init.kaimingNormal(w, 0, outs, ins, TorchInit.RELU_GAIN);
      default -> throw new AssertionError("unknown operation " + op);
    }
    return w;
  }

  /** Null when {@code actual} matches the line, else what differs (count, first index, ulps). */
  private static String compare(String line, String[] words, float[] actual) {
    int colon = List.of(words).indexOf(":");
    if (colon >= 0) {
      int n = words.length - colon - 1;
      if (n != actual.length) {
        return "expected " + n + " values, computed " + actual.length;
      }
      int differ = 0;
      int first = -1;
      long maxUlps = 0;
      for (int i = 0; i < n; i++) {
        float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(words[colon + 1 + i], 16));
        if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual[i])) {
          differ++;
          first = first < 0 ? i : first;
          maxUlps = Math.max(maxUlps, ulps(expected, actual[i]));
        }
      }
      return differ == 0 ? null : differ + " of " + n + " values differ, first at " + first + ", max " + maxUlps + " ulps";
    }
    int sha = List.of(words).indexOf("sha256");
    int firstWord = List.of(words).indexOf("first");
    for (int i = firstWord + 1; i < words.length; i++) {
      float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(words[i], 16));
      int index = i - firstWord - 1;
      if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual[index])) {
        return "value " + index + " is " + actual[index] + ", torch has " + expected;
      }
    }
    String digest = sha256(actual);
    return digest.equals(words[sha + 1]) ? null : "first 64 values agree but the SHA-256 of all " + actual.length + " differs";
  }

  private static long ulps(float a, float b) {
    return Math.abs((long) Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
  }

  private static String sha256(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> referenceLines() throws IOException {
    InputStream in = TorchInitTest.class.getResourceAsStream("/reference/torch_init_ops.txt");
    assertNotNull(in, "reference/torch_init_ops.txt on the test class path");
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}
