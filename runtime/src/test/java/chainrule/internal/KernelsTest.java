package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fused kernels against the plain composition they replace, and the losses against their PyTorch
 * definitions evaluated in double.
 */
class KernelsTest {
  private static final int ROWS = 7;
  private static final int INS = 5;
  private static final int OUTS = 3;
  private static final int W = 2; // an offset, to catch kernels that ignore it
  private static final int B = W + OUTS * INS;

  private final Random random = new Random(42);

  private float[] randoms(int n, float scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (random.nextFloat() * 2 - 1) * scale;
    }
    return values;
  }

  @Test
  void linearForwardIsXTimesWTransposedPlusB() {
    float[] x = randoms(ROWS * INS, 2);
    float[] params = randoms(B + OUTS, 1);
    float[] out = new float[ROWS * OUTS];
    Kernels.linearForward(out, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    for (int r = 0; r < ROWS; r++) {
      for (int o = 0; o < OUTS; o++) {
        double expected = params[B + o];
        for (int i = 0; i < INS; i++) {
          expected += (double) x[r * INS + i] * params[W + o * INS + i];
        }
        assertEquals(expected, out[r * OUTS + o], 1e-5, "out[" + r + "][" + o + "]");
      }
    }
  }

  @Test
  void fusedLinearActivationEqualsLinearThenActivationBitForBit() {
    float[] x = randoms(ROWS * INS, 3);
    float[] params = randoms(B + OUTS, 1);
    float[] l = new float[ROWS * OUTS];
    Kernels.linearForward(l, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    int n = ROWS * OUTS;

    float[] plain = new float[n];
    float[] fused = new float[n];
    Kernels.sigmoidForward(plain, l, n);
    Kernels.linearSigmoidForward(fused, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    assertArrayEquals(plain, fused, "sigmoid");

    Kernels.tanhForward(plain, l, n);
    Kernels.linearTanhForward(fused, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    assertArrayEquals(plain, fused, "tanh");

    Kernels.reluForward(plain, l, n);
    Kernels.linearReluForward(fused, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    assertArrayEquals(plain, fused, "relu");
    assertTrue(min(plain) == 0f && max(plain) > 0f, "relu clipped some values and kept others");
  }

  @Test
  void linearBackwardWritesTheThreeProducts() {
    float[] x = randoms(ROWS * INS, 2);
    float[] params = randoms(B + OUTS, 1);
    float[] dout = randoms(ROWS * OUTS, 1);
    float[] grads = randoms(B + OUTS, 100); // garbage: backward must overwrite, not accumulate
    float[] dx = randoms(ROWS * INS, 100);
    Kernels.linearBackward(dx, grads, dout, x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    for (int o = 0; o < OUTS; o++) {
      double db = 0;
      for (int r = 0; r < ROWS; r++) {
        db += dout[r * OUTS + o];
      }
      assertEquals(db, grads[B + o], 1e-5, "db[" + o + "]");
      for (int i = 0; i < INS; i++) {
        double dw = 0;
        for (int r = 0; r < ROWS; r++) {
          dw += (double) dout[r * OUTS + o] * x[r * INS + i];
        }
        assertEquals(dw, grads[W + o * INS + i], 1e-5, "dW[" + o + "][" + i + "]");
      }
    }
    for (int r = 0; r < ROWS; r++) {
      for (int i = 0; i < INS; i++) {
        double expected = 0;
        for (int o = 0; o < OUTS; o++) {
          expected += (double) dout[r * OUTS + o] * params[W + o * INS + i];
        }
        assertEquals(expected, dx[r * INS + i], 1e-5, "dx[" + r + "][" + i + "]");
      }
    }
  }

  @Test
  void linearBackwardWithoutDxLeavesOtherParametersAlone() {
    float[] x = randoms(ROWS * INS, 2);
    float[] params = randoms(B + OUTS + 4, 1);
    float[] grads = new float[params.length];
    grads[0] = 11f;
    grads[B + OUTS] = 13f;
    Kernels.linearBackward(null, grads, randoms(ROWS * OUTS, 1), x, params, W, B, ROWS, INS, OUTS, Workers.of(1));
    assertEquals(11f, grads[0]);
    assertEquals(13f, grads[B + OUTS]);
  }

  @Test
  void activationBackwardsAreTheDerivativesInTermsOfTheOutput() {
    int n = 50;
    float[] l = randoms(n, 4);
    float[] da = randoms(n, 1);
    float[] a = new float[n];
    float[] dl = new float[n];
    double h = 1e-3;

    Kernels.sigmoidForward(a, l, n);
    Kernels.sigmoidBackward(dl, da, a, n);
    for (int i = 0; i < n; i++) {
      double s = 1 / (1 + Math.exp(-l[i]));
      assertEquals(da[i] * s * (1 - s), dl[i], 1e-6, "sigmoid " + i);
    }
    Kernels.tanhForward(a, l, n);
    Kernels.tanhBackward(dl, da, a, n);
    for (int i = 0; i < n; i++) {
      double derivative = (Math.tanh(l[i] + h) - Math.tanh(l[i] - h)) / (2 * h);
      assertEquals(da[i] * derivative, dl[i], 1e-5, "tanh " + i);
    }
    Kernels.reluForward(a, l, n);
    Kernels.reluBackward(dl, da, a, n);
    for (int i = 0; i < n; i++) {
      assertEquals(l[i] > 0 ? da[i] : 0f, dl[i], "relu " + i);
    }
  }

  @Test
  void bceIsTorchsBceLossWithLogsClampedAtMinus100() {
    float[] p = {0.1f, 0.9f, 0.5f, 0.7f, 1f, 0f};
    float[] y = {0f, 1f, 0.3f, 1f, 1f, 0f};
    double expected = 0;
    for (int i = 0; i < p.length; i++) {
      double logP = Math.max(Math.log(p[i]), -100);
      double log1mP = Math.max(Math.log(1 - p[i]), -100);
      expected += -(y[i] * logP + (1 - y[i]) * log1mP);
    }
    assertEquals(expected / p.length, Kernels.bceForward(p, y, p.length), 1e-6);
    // a confident wrong answer costs exactly the clamp: 100
    assertEquals(100f, Kernels.bceForward(new float[] {0f}, new float[] {1f}, 1));
  }

  @Test
  void fusedSigmoidBceBackwardEqualsTheUnfusedChainUpToRounding() {
    int n = 40;
    float[] l = randoms(n, 6);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3 == 0 ? 0.25f : i % 2;
    }
    float[] a = new float[n];
    Kernels.sigmoidForward(a, l, n);
    float[] dp = new float[n];
    float[] unfused = new float[n];
    float[] fused = new float[n];
    Kernels.bceBackward(dp, a, y, n);
    Kernels.sigmoidBackward(unfused, dp, a, n);
    Kernels.sigmoidBceBackward(fused, a, y, n);
    for (int i = 0; i < n; i++) {
      assertEquals(unfused[i], fused[i], 1e-6 * Math.abs(unfused[i]) + 1e-9, "d_l[" + i + "]");
    }
  }

  @Test
  void fusedSigmoidBceBackwardIsExactlyTheDifferenceOverN() {
    // for n a power of two the kernel multiplies by 1/n: the same floats, tiny and subnormal results included
    Random random = new Random(9);
    for (int n = 1; n <= 70; n++) {
      float[] a = new float[n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = i % 5 == 0 ? Float.MIN_VALUE * random.nextInt(100) : random.nextFloat();
        y[i] = i % 7 == 0 ? Math.nextUp(a[i]) : random.nextInt(2);
      }
      float[] dl = new float[n];
      Kernels.sigmoidBceBackward(dl, a, y, n);
      for (int i = 0; i < n; i++) {
        float expected = (a[i] - y[i]) / n;
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(dl[i]), "n = " + n + ", d_l[" + i + "]");
      }
    }
  }

  @Test
  void bceBackwardIsTheDerivativeOfBceForward() {
    float[] p = {0.2f, 0.6f, 0.9f};
    float[] y = {0f, 1f, 0.4f};
    float[] dp = new float[3];
    Kernels.bceBackward(dp, p, y, 3);
    for (int i = 0; i < 3; i++) {
      double expected = (p[i] - y[i]) / ((1 - p[i]) * p[i]) / 3;
      assertEquals(expected, dp[i], 1e-6, "dp[" + i + "]");
    }
  }

  @Test
  void mseAndItsGradient() {
    float[] p = {1f, 2f, -1f, 0.5f};
    float[] y = {0f, 2f, 1f, 0f};
    assertEquals((1 + 0 + 4 + 0.25) / 4, Kernels.mseForward(p, y, 4), 1e-7);
    float[] dp = new float[4];
    Kernels.mseBackward(dp, p, y, 4);
    assertArrayEquals(new float[] {0.5f, 0f, -1f, 0.25f}, dp);
  }

  private static float min(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  private static float max(float[] values) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
