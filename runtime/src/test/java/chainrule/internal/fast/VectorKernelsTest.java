package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vector ReLU kernels against the scalar loops they replace, bit for bit, NaN and -0 included. */
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
}
