package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdTest {
  @Test
  void stepIsParameterMinusLearningRateTimesGradient() {
    float[] params = {1f, -2f, 0.5f};
    new Sgd(0.5f).step(params, new float[] {2f, -4f, 0f});
    assertArrayEquals(new float[] {0f, 0f, 0.5f}, params);
  }

  @Test
  void rejectsLearningRatesThatCannotTrain() {
    for (float lr : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(lr));
      assertEquals("lr must be finite and > 0, was " + lr, e.getMessage());
    }
  }

  @Test
  void rejectsGradientsOfAnotherLayout() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(1f).step(new float[3], new float[2]));
    assertEquals("grads must have the length of params, 3, was 2", e.getMessage());
  }
}
