package chainrule.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch reference trace from {@code src/test/resources/reference/}: {@code # comment} lines, then
 * {@code key value value ...} lines. A key may repeat: an array is the concatenation of its lines, a
 * record key has one record per line (see reference/NOTICE.md for where each file comes from).
 */
public final class ReferenceTrace {
  private final String name;
  private final Map<String, List<String[]>> lines = new LinkedHashMap<>();

  private ReferenceTrace(String name) {
    this.name = name;
  }

  /** Reads {@code reference/<file>} from the test class path. */
  public static ReferenceTrace read(String file) {
    ReferenceTrace trace = new ReferenceTrace(file);
    try (InputStream in = ReferenceTrace.class.getResourceAsStream("/reference/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no test resource reference/" + file);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split(" ");
        String[] values = new String[fields.length - 1];
        System.arraycopy(fields, 1, values, 0, values.length);
        trace.lines.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return trace;
  }

  /** Every line of {@code key}, in order. */
  public List<String[]> records(String key) {
    List<String[]> found = lines.get(key);
    if (found == null) {
      throw new IllegalArgumentException(name + " has no key " + key);
    }
    return found;
  }

  public boolean has(String key) {
    return lines.containsKey(key);
  }

  /** The single value of {@code key}. */
  public String value(String key) {
    return records(key).get(0)[0];
  }

  public int integer(String key) {
    return Integer.parseInt(value(key));
  }

  /** The values of all lines of {@code key}, concatenated, as float32 (hex floats are read exactly). */
  public float[] floats(String key) {
    List<Float> values = new ArrayList<>();
    for (String[] line : records(key)) {
      for (String v : line) {
        values.add(Float.parseFloat(v));
      }
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** The values of all lines of {@code key}, concatenated, as ints. */
  public int[] ints(String key) {
    List<Integer> values = new ArrayList<>();
    for (String[] line : records(key)) {
      for (String v : line) {
        values.add((int) Float.parseFloat(v));
      }
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Record lines of {@code key} whose first value is {@code first}. */
  public List<String[]> recordsStartingWith(String key, String first) {
    List<String[]> out = new ArrayList<>();
    for (String[] line : records(key)) {
      if (line[0].equals(first)) {
        out.add(line);
      }
    }
    return out;
  }
}
