package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.internal.ReferenceTrace;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Csv} and {@link Idx}. */
class ReadersTest {
  @TempDir Path dir;

  /** scikit-learn's iris.csv: a count header line, 150 rows of 4 features and a label. */
  @Test
  void readsScikitLearnsIris() throws IOException {
    Path file = dir.resolve("iris.csv");
    try (InputStream in = getClass().getResourceAsStream("/reference/iris.csv")) {
      Files.copy(in, file);
    }
    Data iris = Csv.labels(file, -1);
    assertEquals(150, iris.rows());
    assertEquals(4, iris.inputs());
    assertEquals(3, iris.classes());
    assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.slice(0, 1).features());
    assertEquals(2, iris.label(149));

    // standardised like the PyTorch traces, whose statistics are float64 ones of the float64 CSV values:
    // ours start from the float32 values, each within half a float ulp of the decimal, so they differ by
    // about that much (absolute) after standardising, not by any ulp bound near 0
    ReferenceTrace trace = ReferenceTrace.read("iris_standardised.txt");
    float[] expected = trace.floats("x");
    float[] ours = Standardizer.fit(iris).apply(iris).features();
    double maxDiff = 0;
    int differ = 0;
    for (int i = 0; i < ours.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - ours[i]));
      differ += expected[i] == ours[i] ? 0 : 1;
    }
    System.out.printf("iris standardised from float32 CSV values vs numpy from float64: %d of 600 differ, "
        + "max abs diff %.3g%n", differ, maxDiff);
    assertTrue(maxDiff < 1e-6, differ + " of 600 values differ, by up to " + maxDiff);
    assertArrayEquals(trace.ints("labels"), iris.classLabels());
  }

  @Test
  void namedColumnsHeadersSeparatorsAndGzip() throws IOException {
    Path file = dir.resolve("moons.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("x1;label;x2\n\n0.5;1;-2\n1.5;0;3e2\n".getBytes());
    }
    Data labelled = Csv.labels(file, "label");
    assertArrayEquals(new float[] {0.5f, -2f, 1.5f, 300f}, labelled.features());
    assertArrayEquals(new int[] {1, 0}, labelled.classLabels());
    Data targets = Csv.targets(file, 2);
    assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 0f}, targets.features());
    assertArrayEquals(new float[] {-2f, 300f}, targets.targets());

    Path plain = dir.resolve("plain.csv");
    Files.writeString(plain, "1,2,0\n3,4,1\n");
    Data noHeader = Csv.targets(plain, -1);
    assertEquals(2, noHeader.rows());
    assertEquals(plain + " has no header line naming its 3 columns; give the column's index instead of \"y\"",
        assertThrows(IllegalArgumentException.class, () -> Csv.targets(plain, "y")).getMessage());
  }

  @Test
  void badFilesSayWhereAndWhat() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b,c\n1,2,0\n3,x,1\n");
    assertEquals(file + " line 3, column 1: \"x\" is not a number",
        assertThrows(IllegalArgumentException.class, () -> Csv.labels(file, 2)).getMessage());
    Files.writeString(file, "1,2,0\n3,4\n");
    assertEquals(file + " line 2 has 2 fields; the first data line has 3",
        assertThrows(IllegalArgumentException.class, () -> Csv.labels(file, 2)).getMessage());
    Files.writeString(file, "1,2,0\n3,4,1.5\n");
    assertEquals(file + " line 2, column 2: \"1.5\" is not a class index (an integer in [0, 16777216])",
        assertThrows(IllegalArgumentException.class, () -> Csv.labels(file, 2)).getMessage());
    assertEquals("column 3 is outside the 3 columns of " + file + " (use 0 .. 2, or -1 for the last)",
        assertThrows(IllegalArgumentException.class, () -> Csv.labels(file, 3)).getMessage());
    Files.writeString(file, "name,value\n");
    assertEquals(file + " has no data lines",
        assertThrows(IllegalArgumentException.class, () -> Csv.targets(file, 1)).getMessage());
    Files.writeString(file, "h1,h2\n1,2\n");
    assertEquals("no column \"h3\" in " + file + "; its header is [h1, h2]",
        assertThrows(IllegalArgumentException.class, () -> Csv.targets(file, "h3")).getMessage());
  }

  /** Numbers are decimal and finite; a first line of numbers with a bad field is a data line, not a header. */
  @Test
  void missingValuesAndJavaOnlyNumbersAreRefusedWhereTheyStand() throws IOException {
    Path file = dir.resolve("values.csv");
    String[][] cases = {
        {"1,2,0\n4,NaN,1\n", "line 2, column 1: \"NaN\" is a missing value; fill in or drop such rows first"},
        {"1,2,0\n4,-Infinity,1\n", "line 2, column 1: \"-Infinity\" is a missing value; fill in or drop such rows first"},
        {"1,2,0\n4,1e999,1\n", "line 2, column 1: \"1e999\" is past a float's range (±3.4028235E38)"},
        {"1,2,0\n4,2f,1\n", "line 2, column 1: \"2f\" is not a number"},
        {"1,2,0\n4,0x1p3,1\n", "line 2, column 1: \"0x1p3\" is not a number"},
        {"1,,0\n4,5,1\n", "line 1, column 1: \"\" is not a number"},
        {"1,NA,0\n4,5,1\n", "line 1, column 1: \"NA\" is a missing value; fill in or drop such rows first"},
        {"1,2.5.1,0\n4,5,1\n", "line 1, column 1: \"2.5.1\" is not a number"},
        {"2f,3,0\n4,5,1\n", "line 1, column 0: \"2f\" is not a number"},
        {"\uFEFF1,2,0\n4,x,1\n", "line 2, column 1: \"x\" is not a number"}, // a byte order mark, then data
    };
    for (String[] c : cases) {
      Files.writeString(file, c[0]);
      assertEquals(file + " " + c[1], assertThrows(IllegalArgumentException.class, () -> Csv.targets(file, 2))
          .getMessage(), c[0]);
    }
    Files.writeString(file, ",0,1\n7,1E+05,2\n8,5,3\n"); // pandas' index column over unnamed columns: dropped
    assertArrayEquals(new float[] {1e5f, 5f}, Csv.targets(file, -1).features());
    Files.writeString(file, ",x1,\"y\"\n0,+1.5,.5\n1,-2.,3E-1\n"); // pandas' index, a quoted name
    Data data = Csv.targets(file, "y");
    assertArrayEquals(new float[] {1.5f, -2f}, data.features());
    assertArrayEquals(new float[] {0.5f, 0.3f}, data.targets());
  }

  /** The errors of reading itself (gzip's, the system's) name the file too. */
  @Test
  void aCorruptOrUnreadableFileIsNamed() throws IOException {
    Path gz = dir.resolve("cut.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("1,2,0\n".repeat(1000).getBytes());
    }
    byte[] whole = bytes.toByteArray();
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
    IOException cut = assertThrows(IOException.class, () -> Csv.targets(gz, 2));
    assertEquals(gz + ": Unexpected end of ZLIB input stream", cut.getMessage());
    whole[2] = 7; // a compression method gzip does not have (8 is deflate)
    Files.write(gz, whole);
    assertTrue(assertThrows(IOException.class, () -> Csv.targets(gz, 2)).getMessage().startsWith(gz + ": "));
    assertTrue(assertThrows(IOException.class, () -> Idx.read(dir)).getMessage().startsWith(dir + ": "));
    assertTrue(assertThrows(IOException.class, () -> Csv.targets(dir, 0)).getMessage().startsWith(dir + ": "));
  }

  /** A header that claims 2^31 - 16 values in an 11-byte file is truncated, not an OutOfMemoryError. */
  @Test
  void anIdxHeaderClaimingBillionsOfValuesCostsNoMemory() throws IOException {
    Path file = dir.resolve("claims-billions");
    Files.write(file, new byte[] {0, 0, 8, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
    assertEquals(file + " is truncated: it ends before all its values",
        assertThrows(IllegalArgumentException.class, () -> Idx.read(file)).getMessage());
    Path images = dir.resolve("one-image");
    Files.write(images, new byte[] {0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 5});
    Path labels = dir.resolve("huge-label");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000d01); // floats, one dimension
    out.writeInt(1);
    out.writeFloat(3e9f);
    Files.write(labels, bytes.toByteArray());
    assertEquals(labels + " item 0 is 3.0E9, not a class index (an integer in [0, 16777216])",
        assertThrows(IllegalArgumentException.class, () -> Idx.labels(images, labels)).getMessage());
    assertEquals("dimensions and values must not be null, were null and given",
        assertThrows(IllegalArgumentException.class, () -> new Idx.Array(null, new float[1])).getMessage());
  }

  @Test
  void readsIdxImagesAndLabelsLikeToTensor() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte.gz");
    Path labels = dir.resolve("labels-idx1-ubyte");
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(pixels);
    out.writeInt(0x00000803);
    out.writeInt(3); // 3 images of 2 × 2
    out.writeInt(2);
    out.writeInt(2);
    for (int i = 0; i < 12; i++) {
      out.writeByte(i * 23); // up to 253: unsigned bytes above 127
    }
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(images))) {
      gz.write(pixels.toByteArray());
    }
    Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9});

    Data data = Idx.labels(images, labels);
    assertEquals(3, data.rows());
    assertEquals(4, data.inputs());
    assertArrayEquals(new int[] {7, 0, 9}, data.classLabels());
    assertEquals(253f / 255f, data.feature(2, 3));
    assertEquals(23f / 255f, data.feature(0, 1));
    Idx.Array raw = Idx.read(images);
    assertArrayEquals(new int[] {3, 2, 2}, raw.dimensions());
    assertEquals(4, raw.itemSize());
    assertEquals(161f, raw.values()[7]);

    Path truncated = dir.resolve("truncated");
    Files.write(truncated, new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2});
    assertEquals(truncated + " is truncated: it ends before all its values",
        assertThrows(IllegalArgumentException.class, () -> Idx.read(truncated)).getMessage());
    Path notIdx = dir.resolve("not-idx");
    Files.writeString(notIdx, "hello, world");
    assertEquals(notIdx + " is not an IDX file (header 6865 6c 6c; expected 0000, a type 08/09/0b/0c/0d/0e,"
        + " then the number of dimensions)",
        assertThrows(IllegalArgumentException.class, () -> Idx.read(notIdx)).getMessage());
    Path twoLabels = dir.resolve("two-labels");
    Files.write(twoLabels, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2});
    assertEquals(twoLabels + " holds 2 labels; " + images + " holds 3 images, so expected 3",
        assertThrows(IllegalArgumentException.class, () -> Idx.labels(images, twoLabels)).getMessage());
  }
}
