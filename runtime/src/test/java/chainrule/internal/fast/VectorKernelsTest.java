package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
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
  void firstNonFiniteFindsTheFirstInfinityOrNaNWhereverItIs() {
    int lanes = FloatVector.SPECIES_PREFERRED.length();
    int n = 20 * lanes + 5; // a tail after the last whole vector
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i % 3 - 1) * Float.MAX_VALUE; // the largest finite values, both signs, and 0
    }
    a[7] = -0f;
    a[8] = Float.MIN_VALUE;
    assertEquals(-1, VectorKernels.firstNonFinite(a, n));
    float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0xFFC00001),
        Float.intBitsToFloat(0x7F800001)};
    int[] at = {0, lanes - 1, lanes, 5 * lanes + 3, 20 * lanes - 1, 20 * lanes, n - 1};
    for (float value : bad) {
      for (int i : at) {
        float[] b = a.clone();
        b[i] = value;
        assertEquals(i, VectorKernels.firstNonFinite(b, n), value + " at " + i);
        assertEquals(i, Fast.firstNonFinite(b, n), value + " at " + i + " through Fast");
        if (i + 2 < n) {
          b[i + 2] = Float.NaN; // a later one too: the first is reported
          assertEquals(i, VectorKernels.firstNonFinite(b, n), "two, the first at " + i);
        }
        assertEquals(-1, VectorKernels.firstNonFinite(b, i), "only the first " + i + " checked");
      }
    }
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

  @Test
  void softmaxScaledIsSleefsExpLaneByLane() {
    // what decides the bits: rint(d·log2 e) at ties and range ends, the scaling by 2^q in two halves (results
    // subnormal near -104), the cut-offs at -104 and 100, NaN and the infinities; then random bits and values
    Random random = new Random(7);
    int n = 1 << 22;
    float[] d = new float[n + 5]; // a tail after the last whole vector
    int i = 0;
    for (float special : new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        -104f, Math.nextDown(-104f), Math.nextUp(-104f), 100f, Math.nextUp(100f), Math.nextDown(100f), -87.33655f,
        88.72284f, -103.97208f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, 1e-30f, -1e-30f}) {
      d[i++] = special;
    }
    for (int k = -151; k <= 145; k++) { // x·log2 e near k + 1/2: the ties of rint, each side
      float tie = (k + 0.5f) / SleefFloat.LOG2_E;
      d[i++] = tie;
      d[i++] = Math.nextUp(tie);
      d[i++] = Math.nextDown(tie);
    }
    while (i < n / 2) {
      d[i++] = Float.intBitsToFloat(random.nextInt());
    }
    while (i < d.length) {
      d[i++] = (random.nextFloat() * 2 - 1) * 110f;
    }
    float grad = -0.01f;
    float[] dl = new float[d.length];
    int done = VectorKernels.softmaxScaled(dl, d, d.length, grad);
    assertEquals(d.length - d.length % FloatVector.SPECIES_PREFERRED.length(), done, "whole vectors done");
    float[] expected = new float[done];
    for (int k = 0; k < done; k++) {
      expected[k] = Math.fma(-SleefFloat.exp(d[k]), grad, 0f);
    }
    GemmTest.assertSame(expected, Arrays.copyOf(dl, done), "softmaxScaled");
    assertEquals(0f, dl[done], "the tail is the caller's");
  }
}
