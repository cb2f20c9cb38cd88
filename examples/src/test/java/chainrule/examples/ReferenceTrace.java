package chainrule.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PyTorch reference trace of src/test/resources/reference (written by the scripts in the repository's
 * reference/ directory, described in reference/README.md). Format: {@code # ...} lines are comments; every
 * other line is {@code key value value ...}. A key may repeat: an array is the concatenation of its lines'
 * values, a record key (like {@code step}) has one record per line. Floats are hex floats that
 * {@link Float#parseFloat} reads exactly.
 */
final class ReferenceTrace {
  private final String resource;
  private final Map<String, List<String[]>> lines;

  private ReferenceTrace(String resource, Map<String, List<String[]>> lines) {
    this.resource = resource;
    this.lines = lines;
  }

  /** Reads {@code /reference/<name>} from the test classpath. */
  static ReferenceTrace read(String name) {
    String resource = "/reference/" + name;
    try (InputStream in = ReferenceTrace.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(resource + " is not on the test classpath");
      }
      Map<String, List<String[]>> lines = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] tokens = line.split(" ");
        lines.computeIfAbsent(tokens[0], k -> new ArrayList<>()).add(Arrays.copyOfRange(tokens, 1, tokens.length));
      }
      return new ReferenceTrace(resource, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String resource() {
    return resource;
  }

  /** Every key, in the order of first appearance. */
  Iterable<String> keys() {
    return lines.keySet();
  }

  boolean has(String key) {
    return lines.containsKey(key);
  }

  /** The lines of a record key, each without its key. */
  List<String[]> records(String key) {
    List<String[]> found = lines.get(key);
    if (found == null) {
      throw new IllegalArgumentException(resource + " has no key " + key);
    }
    return found;
  }

  /** The values of a key, its lines concatenated. */
  List<String> tokens(String key) {
    List<String> all = new ArrayList<>();
    for (String[] line : records(key)) {
      all.addAll(Arrays.asList(line));
    }
    return all;
  }

  String string(String key) {
    return tokens(key).get(0);
  }

  long integer(String key) {
    return Long.parseLong(string(key));
  }

  /** A float array (hex floats), checked against {@code <key>.count} when the trace gives one. */
  float[] floats(String key) {
    List<String> tokens = tokens(key);
    float[] values = new float[tokens.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.parseFloat(tokens.get(i));
    }
    checkCount(key, values.length);
    return values;
  }

  /** An int array, checked against {@code <key>.count} when the trace gives one. */
  int[] ints(String key) {
    int[] values = tokens(key).stream().mapToInt(Integer::parseInt).toArray();
    checkCount(key, values.length);
    return values;
  }

  /** A scalar written as {@code key <hex> <decimal>}: the hex value. */
  float scalar(String key) {
    return Float.parseFloat(string(key));
  }

  private void checkCount(String key, int actual) {
    if (has(key + ".count") && integer(key + ".count") != actual) {
      throw new IllegalStateException(resource + ": " + key + ".count is " + integer(key + ".count")
          + " but " + actual + " values were read");
    }
  }
}
