package chainrule.examples.lab09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link PythonRandom} against CPython 3.11: {@code random.seed(s); [random.randint(0, 9999), random.randint(0,
 * 9999), random.randint(5, 7)]}, printed by {@code /usr/bin/python3} for these seeds (a 64-bit seed takes two key
 * words, a negative one is seeded by its magnitude).
 */
class PythonRandomTest {
  @Test
  void randintAsCPython() {
    long[] seeds = {777, 111, 0, (1L << 40) + 5, -3};
    int[][] expected = {{3757, 7304, 6}, {3485, 5176, 6}, {6311, 6890, 5}, {8263, 8469, 6}, {3898, 9709, 7}};
    for (int s = 0; s < seeds.length; s++) {
      PythonRandom random = new PythonRandom(seeds[s]);
      assertEquals(expected[s][0], random.randint(0, 9999), "seed " + seeds[s]);
      assertEquals(expected[s][1], random.randint(0, 9999), "seed " + seeds[s]);
      assertEquals(expected[s][2], random.randint(5, 7), "seed " + seeds[s]);
    }
  }

  @Test
  void emptyRangeFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PythonRandom(1).randint(3, 2));
    assertEquals("randint needs a <= b and b - a < 2^31, was a = 3, b = 2", e.getMessage());
  }
}
