package chainrule.examples.lab09;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A trace of {@code reference/lab09/<script>.py} ({@code /reference/lab09/<program>.txt} on the test classpath;
 * the format is in {@code reference/lab09/README.md}): {@code #} lines are comments, every other line
 * whitespace-separated fields, the first naming the record; floats as Python's {@code float.hex()}.
 *
 * <p>The traces and the Fashion-MNIST files come from the branch that made them; a checkout without them (or
 * with {@code LAB09_TRACES=DIR} / {@code LAB09_DATA=DIR} pointing elsewhere) skips these tests with the reason.
 */
final class Lab09Trace {
  private final List<String[]> records;

  private Lab09Trace(List<String[]> records) {
    this.records = records;
  }

  /** The trace of {@code program}, or the test is skipped (assumption) when it is not there. */
  static Lab09Trace of(String program) {
    String name = program + ".txt";
    try (InputStream in = Lab09Trace.class.getResourceAsStream("/reference/lab09/" + name)) {
      byte[] bytes;
      if (in != null) {
        bytes = in.readAllBytes();
      } else {
        String dir = System.getenv("LAB09_TRACES");
        Path file = dir == null ? null : Path.of(dir, name);
        assumeTrue(file != null && Files.isRegularFile(file),
            "no PyTorch trace /reference/lab09/" + name + " on the test classpath (nor in $LAB09_TRACES)");
        bytes = Files.readAllBytes(file);
      }
      List<String[]> records = new ArrayList<>();
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          records.add(line.trim().split("\\s+"));
        }
      }
      return new Lab09Trace(records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Fashion-MNIST directory: {@code ../data/fashion-mnist} from the examples module, or the test is skipped. */
  static Path dataDir() {
    String dir = System.getenv("LAB09_DATA");
    Path path = dir != null ? Path.of(dir) : Path.of("..", "data", "fashion-mnist");
    assumeTrue(Files.isRegularFile(path.resolve(MnistFiles.TRAIN_IMAGES)), "no Fashion-MNIST files in " + path);
    return path;
  }

  /** Every record named {@code kind}, fields after the name. */
  List<String[]> all(String kind) {
    List<String[]> found = new ArrayList<>();
    for (String[] r : records) {
      if (r[0].equals(kind)) {
        String[] fields = new String[r.length - 1];
        System.arraycopy(r, 1, fields, 0, fields.length);
        found.add(fields);
      }
    }
    return found;
  }

  /** The one record {@code kind} whose first field is {@code key}. */
  String[] get(String kind, String key) {
    for (String[] r : all(kind)) {
      if (r[0].equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("the trace has no " + kind + " " + key);
  }

  /** The losses of the {@code step 1 <batch> <hex> <decimal>} records, in order. */
  float[] firstEpochSteps() {
    List<String[]> steps = all("step");
    float[] losses = new float[steps.size()];
    for (int i = 0; i < losses.length; i++) {
      if (Integer.parseInt(steps.get(i)[1]) != i + 1) {
        throw new IllegalStateException("step records out of order at " + i);
      }
      losses[i] = Float.parseFloat(steps.get(i)[2]);
    }
    return losses;
  }

  /** {@code epoch e <hex> <decimal>}. */
  float epochCost(int epoch) {
    return Float.parseFloat(get("epoch", Integer.toString(epoch))[1]);
  }

  /**
   * The initial parameter {@code name}'s SHA-256 ({@code init-sha256} records), or the SHA-256 of the values of
   * its {@code init} record for small tensors.
   */
  String initSha256(String name) {
    for (String[] r : all("init-sha256")) {
      if (r[0].equals(name)) {
        return r[1];
      }
    }
    String[] whole = get("init", name);
    float[] values = new float[whole.length - 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.parseFloat(whole[i + 1]);
    }
    return sha256(values, 0, values.length);
  }

  /** SHA-256 of {@code values[from .. from + count)} as little-endian float32 bytes, as the traces hash them. */
  static String sha256(float[] values, int from, int count) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values, from, count);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
