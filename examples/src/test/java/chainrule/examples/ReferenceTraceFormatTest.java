package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch reference traces (src/test/resources/reference, reference/README.md) read back exactly in Java:
 * every hex float is a float32 value (except the float64 {@code .f64} keys), decimals agree with their hex, counts and checksums match, orders are
 * permutations, and the standardised data sets follow from data/sklearn and the recorded column statistics.
 */
class ReferenceTraceFormatTest {

  @ParameterizedTest
  @ValueSource(strings = {"dataloader_order.txt", "breast_cancer_standardised.txt", "bce_breast_cancer_shuffle.txt",
      "bce_breast_cancer_shuffle_drop_last.txt", "iris_standardised.txt", "cross_entropy_iris.txt",
      "cross_entropy_crafted.txt", "initialisers.txt", "dropout.txt", "batchnorm1d.txt"})
  void everyTraceReadsBackExactly(String name) {
    ReferenceTrace trace = ReferenceTrace.read(name);
    int hexFloats = 0;
    for (String key : trace.keys()) {
      boolean doubles = key.endsWith(".f64");            // float64 statistics, written as double hex on purpose
      for (String[] line : doubles ? List.<String[]>of() : trace.records(key)) {
        for (int i = 0; i < line.length; i++) {
          if (!line[i].matches("-?0x[01]\\.[0-9a-f]+p[+-]\\d+")) {
            continue;
          }
          hexFloats++;
          float f = Float.parseFloat(line[i]);
          assertEquals(Double.parseDouble(line[i]), (double) f, name + " " + key + ": " + line[i] + " is not a float32");
          if (i + 1 < line.length && line[i + 1].matches("-?\\d+(\\.\\d+)?(e[+-]?\\d+)?")) {
            assertEquals(f, Float.parseFloat(line[i + 1]), name + " " + key + ": decimal " + line[i + 1]);
          }
        }
      }
      if (key.endsWith(".count") && trace.has(key.substring(0, key.length() - ".count".length()))) {
        String array = key.substring(0, key.length() - ".count".length());
        assertEquals(trace.integer(key), trace.tokens(array).size(), name + " " + array);
      }
      if (key.endsWith(".crc32") && trace.has(key.substring(0, key.length() - ".crc32".length()))) {
        String array = key.substring(0, key.length() - ".crc32".length());
        byte[] bytes = littleEndian(trace.floats(array));
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertEquals(trace.string(key), String.format("%08x", crc.getValue()), name + " " + array);
        assertEquals(trace.string(array + ".sha256"), sha256(bytes), name + " " + array);
      }
    }
    assertTrue(hexFloats > 0 || name.equals("dataloader_order.txt"), name + " has hex floats");
  }

  @Test
  void ordersArePermutations() {
    ReferenceTrace loader = ReferenceTrace.read("dataloader_order.txt");
    for (String[] order : loader.records("order")) {
      String id = order[0];
      int n = Integer.parseInt(id.replaceAll(".*_n(\\d+)_.*", "$1"));
      assertPermutation(n, List.of(order).subList(2, order.length), id);
    }
    assertEquals(3 * 5 * 2 * 3 + 2 * 3, loader.records("order").size(), "3 seeds x 5 sizes x 2 preludes + 2, 3 epochs");
    for (String name : List.of("bce_breast_cancer_shuffle.txt", "bce_breast_cancer_shuffle_drop_last.txt")) {
      for (String[] perm : ReferenceTrace.read(name).records("perm")) {
        assertPermutation(569, List.of(perm).subList(1, perm.length), name);
      }
    }
    for (String[] perm : ReferenceTrace.read("cross_entropy_iris.txt").records("perm")) {
      assertPermutation(150, List.of(perm).subList(1, perm.length), "iris");
    }
  }

  @Test
  void stepsCoverEveryBatch() {
    assertEquals(27, ReferenceTrace.read("bce_breast_cancer_shuffle.txt").records("step").size());
    assertEquals(24, ReferenceTrace.read("bce_breast_cancer_shuffle_drop_last.txt").records("step").size());
    List<String[]> iris = ReferenceTrace.read("cross_entropy_iris.txt").records("step");
    assertEquals(40, iris.size());
    assertEquals("6", iris.get(9)[3], "the tenth batch of an epoch has 150 - 9 * 16 rows");
  }

  /** x = (float) ((csv - mean) / std) in double, with the recorded float64 column statistics. */
  @ParameterizedTest
  @ValueSource(strings = {"breast_cancer", "iris"})
  void standardisedDataFollowFromTheCsv(String dataSet) throws IOException {
    ReferenceTrace trace = ReferenceTrace.read(dataSet + "_standardised.txt");
    List<String> csv = Files.readAllLines(Path.of("..", "data", "sklearn", dataSet + ".csv"));
    int rows = (int) trace.integer("rows");
    int features = (int) trace.integer("features");
    assertEquals(rows + 1, csv.size(), "header + rows");
    double[] mean = trace.tokens("mean.f64").stream().mapToDouble(Double::parseDouble).toArray();
    double[] std = trace.tokens("std.f64").stream().mapToDouble(Double::parseDouble).toArray();
    float[] x = trace.floats("x");
    float[] expected = new float[rows * features];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      String[] fields = csv.get(r + 1).split(",");
      for (int c = 0; c < features; c++) {
        expected[r * features + c] = (float) ((Double.parseDouble(fields[c]) - mean[c]) / std[c]);
      }
      labels[r] = Integer.parseInt(fields[features]);
    }
    assertArrayEquals(expected, x);
    if (trace.has("labels")) {
      assertArrayEquals(labels, trace.ints("labels"));
    } else {
      float[] y = trace.floats("y");
      for (int r = 0; r < rows; r++) {
        assertEquals(labels[r], y[r], "y[" + r + "]");
      }
    }
  }

  private static void assertPermutation(int n, List<String> values, String what) {
    boolean[] seen = new boolean[n];
    assertEquals(n, values.size(), what + ": length");
    for (String v : values) {
      int i = Integer.parseInt(v);
      assertTrue(i >= 0 && i < n && !seen[i], what + ": " + v + " repeated or out of range");
      seen[i] = true;
    }
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
