package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * One case of a recorded PyTorch reference ({@code src/test/resources/reference/*.txt}): a header line
 * {@code case NAME key value key value …} followed by {@code KEY : values} lines, floats written as float32
 * bit patterns (8 hex digits) so that comparisons are exact.
 */
record Reference(String name, Map<String, String> header, Map<String, String[]> values) {

  /** All cases of {@code /reference/FILE}, in file order. */
  static List<Reference> load(String file) {
    InputStream in = Reference.class.getResourceAsStream("/reference/" + file);
    assertNotNull(in, "reference/" + file + " on the test class path");
    List<Reference> cases = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Reference current = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] words = line.trim().split("\\s+");
        if (words[0].equals("case")) {
          Map<String, String> header = new LinkedHashMap<>();
          for (int i = 2; i + 1 < words.length; i += 2) {
            header.put(words[i], words[i + 1]);
          }
          current = new Reference(words[1], header, new LinkedHashMap<>());
          cases.add(current);
        } else {
          assertNotNull(current, "a case line comes first in " + file);
          String[] rest = new String[words.length - 2];
          System.arraycopy(words, 2, rest, 0, rest.length);
          current.values.put(words[0], rest);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  int integer(String key) {
    return Integer.parseInt(header.get(key));
  }

  double real(String key) {
    return Double.parseDouble(header.get(key));
  }

  float[] floats(String key) {
    String[] words = words(key);
    float[] floats = new float[words.length];
    for (int i = 0; i < words.length; i++) {
      floats[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(words[i], 16));
    }
    return floats;
  }

  float scalar(String key) {
    return floats(key)[0];
  }

  int[] ints(String key) {
    String[] words = words(key);
    int[] ints = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      ints[i] = Integer.parseInt(words[i]);
    }
    return ints;
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  private String[] words(String key) {
    String[] words = values.get(key);
    assertNotNull(words, "case " + name + " has " + key);
    return words;
  }

  /** Null if {@code actual} has {@code expected}'s bits everywhere, else the count and the worst difference. */
  static String bitDifference(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      return "expected " + expected.length + " values, got " + actual.length;
    }
    int differ = 0;
    int first = -1;
    long maxUlps = 0;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        differ++;
        first = first < 0 ? i : first;
        maxUlps = Math.max(maxUlps, ulps(expected[i], actual[i]));
      }
    }
    return differ == 0 ? null : differ + " of " + expected.length + " differ (first [" + first + "]: torch "
        + expected[first] + ", got " + actual[first] + "), max " + maxUlps + " ulps";
  }

  /** Distance in units in the last place, counting across zero. */
  static long ulps(float a, float b) {
    return Math.abs(ordered(a) - ordered(b));
  }

  private static long ordered(float f) {
    int bits = Float.floatToIntBits(f);
    return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
  }
}
