package chainrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamTest {
  @Test
  void firstStepMovesEveryParameterByLearningRateAgainstItsGradient() {
    // After one step the bias-corrected m̂ = g and v̂ = g², so the update is lr·g / (|g| + ε).
    float[] params = {1f, 1f, 1f};
    new Adam(0.1f).step(params, new float[] {3f, -0.002f, 0f});
    assertEquals(0.9f, params[0], 1e-6f);
    assertEquals(1.1f, params[1], 1e-5f);
    assertEquals(1f, params[2]);
  }

  @Test
  void secondStepUsesTheMoments() {
    float[] params = {0f};
    Adam adam = new Adam(0.1f, 0.9f, 0.999f, 0f);
    adam.step(params, new float[] {1f});
    adam.step(params, new float[] {-1f});
    // m = 0.9·0.1 - 0.1 = -0.01, m̂ = -0.01 / 0.19; v = 0.001·0.999 + 0.001 = 0.001999, v̂ = v / (1 - 0.998001)
    double mHat = -0.01 / 0.19;
    double vHat = 0.001999 / (1 - 0.999 * 0.999);
    assertEquals(-0.1 - 0.1 * mHat / Math.sqrt(vHat), params[0], 1e-6);
    assertEquals(2, adam.steps());
  }

  @Test
  void rejectsBadHyperparameters() {
    assertEquals("lr must be finite and > 0, was 0.0",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0f)).getMessage());
    assertEquals("beta1 must be in [0, 1), was 1.0",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 1f, 0.999f, 1e-8f)).getMessage());
    assertEquals("beta2 must be in [0, 1), was -0.5",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 0.9f, -0.5f, 1e-8f)).getMessage());
    assertEquals("eps must be finite and >= 0, was NaN",
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1f, 0.9f, 0.999f, Float.NaN)).getMessage());
  }
}
