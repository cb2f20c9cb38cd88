package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar loops they replace, bit for bit, NaN and -0 included. */
class VectorKernelsTest {

  @Test
  void reluForwardAndBackwardEqualTheScalarLoops() {
    Random random = new Random(3);
    int n = 1000 + 7; // a tail after the last whole vector
    float[] l = new float[n];
    float[] da = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = random.nextFloat() * 2 - 1;
      da[i] = random.nextFloat() * 2 - 1;
    }
    l[0] = -0f;
    l[1] = 0f;
    l[2] = Float.NaN;
    l[3] = Float.MIN_VALUE;
    da[4] = -0f;
    l[4] = 1f;

    float[] a = new float[n];
    float[] expected = new float[n];
    VectorKernels.reluForward(a, l, n);
    for (int i = 0; i < n; i++) {
      expected[i] = l[i] > 0f ? l[i] : 0f;
    }
    GemmTest.assertSame(expected, a, "reluForward");

    float[] dl = new float[n];
    VectorKernels.reluBackward(dl, da, l, n); // a = l: every sign, NaN and -0 as the layer's output
    for (int i = 0; i < n; i++) {
      expected[i] = l[i] > 0f ? da[i] : 0f;
    }
    GemmTest.assertSame(expected, dl, "reluBackward");
    assertEquals(0, Float.floatToRawIntBits(dl[2]), "NaN output: +0");
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(dl[4]), "-0 gradient passes through");
  }

  @Test
  void biasGradientEqualsTheScalarLoopInRowOrder() {
    Random random = new Random(5);
    int rows = 37;
    for (int outs : new int[] {1, 70, 4 * 16 + 3, 256}) { // tails after whole passes of 64 (or 32) columns
      float[] dout = new float[rows * outs];
      for (int i = 0; i < dout.length; i++) {
        dout[i] = (random.nextFloat() * 2 - 1) * (1 << random.nextInt(20)); // sums that round
      }
      dout[0] = -0f;
      float[] grads = new float[outs + 9];
      float[] expected = new float[outs + 9];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = random.nextFloat();
        expected[i] = grads[i];
      }
      GemmReference.biasGradient(expected, 5, dout, rows, outs);
      VectorKernels.biasGradient(grads, 5, dout, rows, outs);
      GemmTest.assertSame(expected, grads, "biasGradient, " + outs + " columns");
    }
  }
}
