package chainrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  /**
   * One element through torch 1.13's single-tensor Adam order (reference/README.md), written out: m and v
   * by fused multiply-adds, the constants computed in double from the decimals 0.01, 0.9, 0.999, 1e-8.
   */
  @Test
  void updateIsTorchsOrderOfOperations() {
    float[] params = {0.3f};
    float[] m = {0f};
    float[] v = {0f};
    Adam adam = new Adam(0.01f);
    float[] gradients = {0.7f, -0.2f, 1e-3f};
    for (int t = 1; t <= gradients.length; t++) {
      float g = gradients[t - 1];
      float expected = params[0];
      m[0] = Math.fma(g, (float) (1 - 0.9), m[0] * 0.9f);
      v[0] = Math.fma((float) (1 - 0.999) * g, g, v[0] * 0.999f);
      float d = (float) Math.sqrt(v[0]) / (float) Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8f;
      expected = expected + ((float) -(0.01 / (1 - Math.pow(0.9, t))) * m[0]) / d;
      adam.step(params, new float[] {g});
      assertEquals(expected, params[0], "step " + t);
    }
  }

  /** Issue 8: reusing an Adam on another network of the same shape used to carry the old moments over. */
  @Test
  void anAdamIsBoundToTheParametersItFirstUpdated() {
    Adam adam = new Adam(0.1f);
    float[] first = new float[3];
    float[] second = new float[3];
    adam.step(first, new float[] {1, 2, 3});
    adam.bind(first);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.step(second, new float[3]));
    String firstName = "float[3]@" + Integer.toHexString(System.identityHashCode(first));
    String secondName = "float[3]@" + Integer.toHexString(System.identityHashCode(second));
    assertEquals("this Adam updates the parameters of another network, " + firstName + ", and was given "
        + secondName + ": its moments belong to the first; use one Adam per network", e.getMessage());
    assertEquals(1, adam.steps(), "the refused step changed nothing");
    assertArrayEquals(new float[3], second);
  }

  @Test
  void learningRateChangesWithoutLosingTheMoments() {
    float[] a = {1f, -1f};
    float[] b = {1f, -1f};
    Adam changed = new Adam(0.1f);
    Adam fresh = new Adam(0.1f);
    changed.step(a, new float[] {0.5f, 0.25f});
    fresh.step(b, new float[] {0.5f, 0.25f});
    changed.setLearningRate(0.05f);
    assertEquals(0.05f, changed.learningRate());
    changed.step(a, new float[] {0.5f, 0.25f});
    // the same moments and step count, half the rate: the same update, halved
    float[] before = b.clone();
    fresh.step(b, new float[] {0.5f, 0.25f});
    for (int i = 0; i < 2; i++) {
      assertEquals((b[i] - before[i]) / 2, a[i] - before[i], 1e-7f, "parameter " + i);
    }
    assertEquals(2, changed.steps());
  }

  @Test
  void stateRoundTripsAndContinuesBitForBit() throws IOException {
    float[] params = {0.5f, -0.25f, 2f};
    Adam adam = new Adam(0.03f);
    for (int i = 0; i < 5; i++) {
      adam.step(params, new float[] {0.1f * i, -0.3f, 1f / (i + 1)});
    }
    byte[] state = state(adam);
    float[] copy = params.clone();
    Adam resumed = new Adam(0.03f);
    resumed.readState(new DataInputStream(new ByteArrayInputStream(state)), copy);
    assertEquals(5, resumed.steps());
    for (int i = 5; i < 10; i++) {
      float[] g = {0.1f * i, -0.3f, 1f / (i + 1)};
      adam.step(params, g);
      resumed.step(copy, g.clone());
    }
    assertArrayEquals(params, copy);
    assertThrows(IllegalStateException.class, () -> resumed.step(new float[3], new float[3]),
        "readState bound it to copy");
  }

  @Test
  void aStateThatDoesNotFitChangesNothing() throws IOException {
    float[] params = new float[3];
    Adam adam = new Adam(0.03f);
    adam.step(params, new float[] {1, 1, 1});
    byte[] state = state(adam);
    Adam other = new Adam(0.03f, 0.8f, 0.999f, 1e-8f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> other.readState(new DataInputStream(new ByteArrayInputStream(state)), params));
    assertTrue(e.getMessage().startsWith("the saved state is of Adam(betas=(0.9, 0.999), eps=1.0E-8), this is Adam("),
        e.getMessage());
    Adam fresh = new Adam(0.03f);
    e = assertThrows(IllegalArgumentException.class,
        () -> fresh.readState(new DataInputStream(new ByteArrayInputStream(state)), new float[4]));
    assertEquals("the saved Adam state has 3 moments after 1 steps; params has 4 floats", e.getMessage());
    assertEquals(0, fresh.steps());
    fresh.step(new float[4], new float[4]); // still unbound: any array is accepted
  }

  private static byte[] state(Adam adam) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    adam.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  /** Agrees with the shortest decimal Java prints, without allocating: 1M log-uniform floats in 1e-12 .. 1e6. */
  @Test
  void decimalIsTheShortestDecimalAsADouble() {
    assertEquals(0.9, Adam.decimal(0.9f));
    assertEquals(0.999, Adam.decimal(0.999f));
    assertEquals(1e-8, Adam.decimal(1e-8f));
    assertEquals(0.005, Adam.decimal((float) (0.01 * 0.5)));
    assertEquals(-0.25, Adam.decimal(-0.25f));
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 1_000_000; i++) {
      float f = (float) Math.pow(10, -12 + 18 * random.nextDouble());
      assertEquals(Double.parseDouble(Float.toString(f)), Adam.decimal(f), "for " + f);
    }
  }
}
