package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {
  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void batchNamesRowsLengthAndTheBadValue() {
    assertDoesNotThrow(() -> Checks.batch("x", new float[6], 3, 2));
    assertEquals("rows must be > 0, was 0", message(() -> Checks.batch("x", new float[6], 0, 2)));
    assertEquals("x must have rows × 2 = 8 floats for rows = 4, was 6",
        message(() -> Checks.batch("x", new float[6], 4, 2)));
    assertEquals("x must not be null; expected rows × 2 = 6 floats", message(() -> Checks.batch("x", null, 3, 2)));
    assertEquals("x[3] (row 1, column 1) must be finite, was NaN",
        message(() -> Checks.batch("x", new float[] {0, 0, 0, Float.NaN}, 2, 2)));
  }

  @Test
  void probabilitiesMustLieInZeroToOne() {
    assertDoesNotThrow(() -> Checks.probabilities("y", new float[] {0f, 1f, 0.5f}, 3, 1));
    assertEquals("y[1] (row 1, column 0) must be in [0, 1] for BCE, was 2.0",
        message(() -> Checks.probabilities("y", new float[] {0f, 2f}, 2, 1)));
    assertEquals("y[0] (row 0, column 0) must be in [0, 1] for BCE, was -0.5",
        message(() -> Checks.probabilities("y", new float[] {-0.5f}, 1, 1)));
  }

  @Test
  void notNullAndPositive() {
    assertEquals("optimizer must not be null", message(() -> Checks.notNull("optimizer", null)));
    assertEquals("out must be > 0, was -3", message(() -> Checks.positive("out", -3)));
  }
}
