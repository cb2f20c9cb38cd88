package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace in the key format of the examples' reference traces ({@code src/test/resources/traces/*.txt}):
 * {@code key value value …} lines; a repeated key's lines concatenate; floats are Java hex floats.
 */
final class KeyTrace {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String[]> records = new ArrayList<>();

  private KeyTrace() {}

  static KeyTrace load(String file) {
    InputStream in = KeyTrace.class.getResourceAsStream("/traces/" + file);
    assertNotNull(in, "traces/" + file + " on the test class path");
    KeyTrace trace = new KeyTrace();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] words = line.split(" ");
        trace.records.add(words);
        trace.values.computeIfAbsent(words[0], k -> new ArrayList<>())
            .addAll(Arrays.asList(words).subList(1, words.length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return trace;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  List<String> words(String key) {
    List<String> words = values.get(key);
    assertNotNull(words, "key " + key);
    return words;
  }

  float[] floats(String key) {
    List<String> words = words(key);
    float[] floats = new float[words.size()];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = Float.parseFloat(words.get(i));
    }
    return floats;
  }

  int[] ints(String key) {
    return words(key).stream().mapToInt(Integer::parseInt).toArray();
  }

  /** The records whose key ends with {@code suffix}, in file order. */
  List<String[]> recordsMatching(String suffix) {
    return records.stream().filter(r -> r[0].endsWith(suffix)).toList();
  }

  /** The records (whole lines) whose key is {@code key}, for keys with one record per line. */
  List<String[]> records(String key) {
    return records.stream().filter(r -> r[0].equals(key)).toList();
  }
}
