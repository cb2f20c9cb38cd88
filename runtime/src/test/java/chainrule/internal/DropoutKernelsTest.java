package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.TorchGenerator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dropout against {@code reference/torch_dropout.txt} (torch.nn.Dropout in training mode, PyTorch 1.13.1): the
 * same outputs, gradients and number of draws; and the backward against central differences with a fixed mask.
 */
class DropoutKernelsTest {
  private static final List<Reference> CASES = Reference.load("torch_dropout.txt");

  @Test
  void outputsGradientsAndDrawsAreBitIdenticalToTorch() {
    TorchGenerator generator = null;
    for (Reference c : CASES) {
      int seed = c.integer("seed");
      if (seed >= 0) {
        generator = new TorchGenerator(seed);
      }
      assertNotNull(generator, c.name());
      int n = c.integer("rows") * c.integer("features");
      double p = c.real("p");
      float[] x = c.floats("x");
      float[] out = new float[n];
      float[] mask = new float[n];
      Kernels.dropoutForward(out, mask, x, n, p, generator);
      float[] dx = new float[n];
      Kernels.dropoutBackward(dx, c.floats("dy"), mask, n);
      float[] next = new float[4];
      generator.uniform(next, 0, 4, 0, 1);

      assertNull(Reference.bitDifference(c.floats("y"), out), c.name() + " y");
      assertNull(Reference.bitDifference(c.floats("dx"), dx), c.name() + " dx");
      assertNull(Reference.bitDifference(c.floats("next"), next), c.name() + " draws after the dropout");
      if (p > 0 && p < 1) {
        int dropped = 0;
        for (float m : mask) {
          dropped += m == 0 ? 1 : 0;
        }
        assertTrue(dropped > 0 || p < 0.1, c.name() + " dropped " + dropped + " of " + n);
      }
    }
    assertEquals(15, CASES.size());
  }

  @Test
  void keptValuesAreScaledByOneOverOneMinusPInFloat() {
    float[] mask = new float[200];
    Kernels.dropoutForward(new float[200], mask, new float[200], 200, 0.3, new TorchGenerator(1));
    float scale = 1f / 0.7f; // (float) 1 / (float) (1 - p); (float) (1 / 0.7) is the same here, not for every p
    for (float m : mask) {
      assertTrue(m == 0f || m == scale, "mask value " + m);
    }
  }

  @Test
  void backwardMatchesCentralDifferencesWithAFixedMask() {
    Random random = new Random(3);
    int n = 40;
    float[] x = new float[n];
    float[] dout = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian();
      dout[i] = (float) random.nextGaussian();
    }
    float[] mask = new float[n];
    Kernels.dropoutForward(new float[n], mask, x, n, 0.4, new TorchGenerator(11));
    float[] dx = new float[n];
    Kernels.dropoutBackward(dx, dout, mask, n);
    // f(x) = Σ dout·(x·mask) in double; ∂f/∂x_i by central differences
    double h = 1e-3;
    double maxError = 0;
    for (int i = 0; i < n; i++) {
      double plus = 0;
      double minus = 0;
      for (int j = 0; j < n; j++) {
        double xj = x[j];
        plus += dout[j] * ((j == i ? xj + h : xj) * mask[j]);
        minus += dout[j] * ((j == i ? xj - h : xj) * mask[j]);
      }
      double numeric = (plus - minus) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - dx[i]) / Math.max(1, Math.abs(numeric)));
    }
    // dx is float: the difference is its rounding, below 2^-23 relative (measured 5.5e-8)
    assertTrue(maxError < 2e-7, "max |analytic - numeric| / max(1, |numeric|) = " + maxError);
  }

  @Test
  void probabilityOutsideZeroToOneFailsLikeTorch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kernels.dropoutForward(new float[1], new float[1], new float[1], 1, 1.5, new TorchGenerator(1)));
    assertEquals("dropout probability has to be between 0 and 1, but got 1.5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Kernels.checkDropoutP(Double.NaN));
  }

  @Test
  void outMayBeX() {
    float[] x = {1, 2, 3, 4, 5, 6};
    float[] expected = new float[6];
    float[] mask = new float[6];
    Kernels.dropoutForward(expected, mask, x, 6, 0.5, new TorchGenerator(9));
    Kernels.dropoutForward(x, mask, x, 6, 0.5, new TorchGenerator(9));
    assertArrayEquals(expected, x);
  }
}
