package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Checks TorchGenerator against the raw MT19937 stream and torch 1.13's (AVX2) initial parameters. */
class TorchGeneratorTest {

  @Test
  void firstOutputsForSeed777() {
    long[] expected = {655685735L, 2776480559L, 1298611771L, 862112678L, 266444375L, 2732691377L};
    TorchGenerator g = new TorchGenerator(777);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], Integer.toUnsignedLong(g.nextInt()), "output " + i);
    }
  }

  /** The C++ standard's check for std::mt19937 (default seed 5489): crosses many twists. */
  @Test
  void tenThousandthOutputForDefaultSeed() {
    TorchGenerator g = new TorchGenerator(5489);
    int u = 0;
    for (int i = 0; i < 10000; i++) {
      u = g.nextInt();
    }
    assertEquals(4123659995L, Integer.toUnsignedLong(u));
  }

  /** torch keeps seed & 0xffffffff, so seeds that agree in the low 32 bits give the same stream. */
  @Test
  void seedKeepsLow32Bits() {
    TorchGenerator a = new TorchGenerator(777);
    TorchGenerator b = new TorchGenerator(777L + (5L << 32));
    for (int i = 0; i < 1000; i++) {
      assertEquals(a.nextInt(), b.nextInt(), "output " + i);
    }
  }

  /** Each element takes exactly one 32-bit output and uses only its low 24 bits. */
  @Test
  void uniformTakesOneOutputPerElement() {
    TorchGenerator g = new TorchGenerator(777);
    TorchGenerator raw = new TorchGenerator(777);
    float[] dst = new float[700];
    g.uniform(dst, 0, dst.length, 0, 1);
    for (int i = 0; i < dst.length; i++) {
      float x = (raw.nextInt() & 0xFFFFFF) * 0x1p-24f;
      assertEquals(Float.floatToRawIntBits(x), Float.floatToRawIntBits(dst[i]), "element " + i);
    }
    assertEquals(raw.nextInt(), g.nextInt(), "stream position after uniform");
  }

  @Test
  void xorSingleMatchesTorch() throws IOException {
    assertModelMatchesTorch("xor_single", 2, 1);
  }

  @Test
  void xorNnMatchesTorch() throws IOException {
    assertModelMatchesTorch("xor_nn", 2, 2, 1);
  }

  @Test
  void wideDeepMatchesTorch() throws IOException {
    assertModelMatchesTorch("wide_deep", 2, 10, 10, 10, 1);
  }

  /** Draws Linear(dims[k], dims[k+1]) in order from one generator seeded 777 and compares every bit. */
  private static void assertModelMatchesTorch(String model, int... dims) throws IOException {
    float[] expected = referenceParams(model, dims.length - 1);
    float[] actual = new float[expected.length];
    TorchGenerator g = new TorchGenerator(777);
    int offset = 0;
    for (int k = 0; k + 1 < dims.length; k++) {
      g.initLinear(actual, offset, dims[k], dims[k + 1]);
      offset += dims[k] * dims[k + 1] + dims[k + 1];
    }
    assertEquals(expected.length, offset, model + ": parameter count");
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        fail(model + " parameter " + i + ": torch " + Float.toHexString(expected[i]) + " (" + expected[i]
            + "), TorchGenerator " + Float.toHexString(actual[i]) + " (" + actual[i] + ")");
      }
    }
  }

  /**
   * The model's parameters from torch_init_reference_avx2.json, laid out as initLinear writes them:
   * "0.weight", "0.bias", "2.weight", ... (Sequential indices, a Sigmoid between Linears).
   */
  private static float[] referenceParams(String model, int layers) throws IOException {
    String json;
    try (InputStream in = TorchGeneratorTest.class.getResourceAsStream("/torch_init_reference_avx2.json")) {
      assertNotNull(in, "torch_init_reference_avx2.json on the test classpath");
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The model's object holds only arrays of strings, so its first '}' closes it.
    Matcher block = Pattern.compile("\"" + model + "\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
    assertTrue(block.find(), "model " + model + " in the JSON");
    String body = block.group(1);
    List<Float> values = new ArrayList<>();
    for (int k = 0; k < layers; k++) {
      for (String kind : new String[] {"weight", "bias"}) {
        Matcher array = Pattern.compile("\"" + 2 * k + "\\." + kind + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(body);
        assertTrue(array.find(), model + " " + 2 * k + "." + kind + " in the JSON");
        Matcher hex = Pattern.compile("\"([^\"]+)\"").matcher(array.group(1));
        while (hex.find()) {
          values.add((float) Double.parseDouble(hex.group(1))); // exact: torch wrote float32 values as doubles
        }
      }
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  @Test
  void argumentChecksNameTheArgument() {
    TorchGenerator g = new TorchGenerator(777);
    float[] five = new float[5];
    assertMessage("in must be > 0, was 0", () -> g.initLinear(five, 0, 0, 1));
    assertMessage("out must be > 0, was -1", () -> g.initLinear(five, 0, 2, -1));
    assertMessage("offset must be >= 0, was -1", () -> g.initLinear(five, -1, 2, 1));
    assertMessage("dst has 5 floats but offset 2 + 9 parameters need 11", () -> g.initLinear(five, 2, 2, 3));
    assertMessage("dst must not be null", () -> g.initLinear(null, 0, 2, 1));
    assertMessage("count must be >= 0, was -1", () -> g.uniform(five, 0, -1, 0, 1));
    assertMessage("dst has 5 floats but offset 4 + 2 values need 6", () -> g.uniform(five, 4, 2, 0, 1));
    assertMessage("offset must be >= 0, was -3", () -> g.uniform(five, -3, 1, 0, 1));
    assertMessage("from must be <= to, was from=1.0 to=0.0", () -> g.uniform(five, 0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> g.uniform(five, 0, 1, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> g.uniform(five, 0, 1, -Double.MAX_VALUE, Double.MAX_VALUE));
    // offset + in*out + out overflows int: still a clean message, not a wrapped negative size
    assertMessage("dst has 5 floats but offset 0 + 4294967295 parameters need 4294967295",
        () -> g.initLinear(five, 0, 65536, 65535));
  }

  @Test
  void failedChecksDrawNothing() {
    TorchGenerator g = new TorchGenerator(777);
    assertThrows(IllegalArgumentException.class, () -> g.initLinear(new float[5], 2, 2, 3));
    float[] a = new float[3];
    g.initLinear(a, 0, 2, 1);
    float[] b = new float[3];
    new TorchGenerator(777).initLinear(b, 0, 2, 1);
    assertArrayEquals(b, a);
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
