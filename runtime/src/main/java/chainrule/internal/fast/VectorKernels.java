package chainrule.internal.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels that C2 does not vectorise on its own, on the Vector API; like {@link VectorGemm}, loaded only when
 * {@link Fast#VECTOR} is true. ReLU's {@code a > 0 ? x : 0} is a branch per element in
 * scalar code, and on a ReLU layer's output it is taken at random: a mispredicted branch every other
 * element, ~5 ns each. As a lane-wise compare and blend it costs nothing. Same results as the scalar loops,
 * bit for bit (0 for NaN and for -0).
 */
final class VectorKernels {
  private VectorKernels() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** {@code (x + 1.5·2²³) - 1.5·2²³} rounds {@code |x| < 2²²} to an integer, half to even, as {@code rint}. */
  private static final float ROUNDER = 0x1.8p23f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

  /** {@code a = l > 0 ? l : 0}; {@code a} may be {@code l}. */
  static void reluForward(float[] a, float[] l, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, l, i);
      zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(a, i);
    }
    for (; i < n; i++) {
      a[i] = l[i] > 0f ? l[i] : 0f;
    }
  }

  /** {@code dl = a > 0 ? da : 0}. */
  static void reluBackward(float[] dl, float[] da, float[] a, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      VectorMask<Float> positive = FloatVector.fromArray(S, a, i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(S, da, i), positive).intoArray(dl, i);
    }
    for (; i < n; i++) {
      dl[i] = a[i] > 0f ? da[i] : 0f;
    }
  }

  /** The index of the first of {@code a[0 .. n)} that is not finite (±∞ or NaN), or -1: a compare a vector. */
  static int firstNonFinite(float[] a, int n) {
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      if (!FloatVector.fromArray(S, a, i).abs().compare(VectorOperators.LT, Float.POSITIVE_INFINITY).allTrue()) {
        break; // this vector holds one (NaN compares false): the loop below finds which
      }
    }
    for (; i < n; i++) {
      if (!Float.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code db[o] = Σ_r dout[r][o]} at {@code grads[b ..]}, each column summed in row order from 0, as
   * {@link Gemm#scalarBiasGradient}: a lane a column, 64 columns a pass over the rows. C2 leaves the scalar loop
   * unvectorised ({@code grads} and {@code dout} might be one array, so it cannot order their loads and
   * stores), and there it took 7% of {@code medium}'s step.
   */
  static void biasGradient(float[] grads, int b, float[] dout, int rows, int outs) {
    int l = S.length();
    int o = 0;
    for (; o + 4 * l <= outs; o += 4 * l) {
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      for (int r = 0; r < rows; r++) {
        int d = r * outs + o;
        s0 = s0.add(FloatVector.fromArray(S, dout, d));
        s1 = s1.add(FloatVector.fromArray(S, dout, d + l));
        s2 = s2.add(FloatVector.fromArray(S, dout, d + 2 * l));
        s3 = s3.add(FloatVector.fromArray(S, dout, d + 3 * l));
      }
      s0.intoArray(grads, b + o);
      s1.intoArray(grads, b + o + l);
      s2.intoArray(grads, b + o + 2 * l);
      s3.intoArray(grads, b + o + 3 * l);
    }
    for (; o < outs; o++) {
      float sum = 0f;
      for (int r = 0; r < rows; r++) {
        sum += dout[r * outs + o];
      }
      grads[b + o] = sum;
    }
  }

  /**
   * {@code dl[i] = fma(-exp(logp[i]), grad, 0)} for the whole vectors of {@code i < n}; returns how many
   * elements it did (the caller does the rest). {@code exp} is {@link SleefFloat#exp} lane by lane, with its
   * constants, the same operations in the same order: cross-entropy's gradient off the label
   * ({@code Kernels.crossEntropyBackward}): {@code mnist-nn}'s 1,000 took 13 µs as scalar calls, 1.8 here. Its
   * {@code rint} is {@link #ROUNDER}'s, equal wherever the result is not masked ({@code |d| <= 104}: {@code
   * |d·log2 e| < 151}); lanes out of range become 0 or ∞ after the same tests, NaN stays NaN.
   */
  static int softmaxScaled(float[] dl, float[] logp, int n, float grad) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector infinity = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector g = FloatVector.broadcast(S, grad);
    FloatVector lnHi = FloatVector.broadcast(S, SleefFloat.MINUS_LN2_HI);
    FloatVector lnLo = FloatVector.broadcast(S, SleefFloat.MINUS_LN2_LO);
    FloatVector p2 = FloatVector.broadcast(S, SleefFloat.EXP_P2);
    FloatVector p3 = FloatVector.broadcast(S, SleefFloat.EXP_P3);
    FloatVector p4 = FloatVector.broadcast(S, SleefFloat.EXP_P4);
    FloatVector p5 = FloatVector.broadcast(S, SleefFloat.EXP_P5);
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      FloatVector d = FloatVector.fromArray(S, logp, i);
      FloatVector rounded = d.mul(SleefFloat.LOG2_E).add(ROUNDER); // ROUNDER + rint(d·log2 e), exactly
      FloatVector qf = rounded.sub(ROUNDER);
      // in ROUNDER's binade a unit is one step of the bits: q from them (JDK 17 allocates on F2I conversions)
      IntVector q = rounded.reinterpretAsInts().sub(ROUNDER_BITS);
      FloatVector s = qf.fma(lnHi, d);
      s = qf.fma(lnLo, s);
      FloatVector u = s.fma(SleefFloat.EXP_P0, SleefFloat.EXP_P1);
      u = s.fma(u, p2);
      u = s.fma(u, p3);
      u = s.fma(u, p4);
      u = s.fma(u, p5);
      u = s.mul(s).fma(u, s).add(1f);
      IntVector half = q.lanewise(VectorOperators.ASHR, 1);
      u = u.mul(half.lanewise(VectorOperators.LSHL, 23).add(0x3f800000).reinterpretAsFloats());
      u = u.mul(q.sub(half).lanewise(VectorOperators.LSHL, 23).add(0x3f800000).reinterpretAsFloats());
      u = u.blend(zero, d.compare(VectorOperators.LT, SleefFloat.EXP_MIN));
      u = u.blend(infinity, d.compare(VectorOperators.GT, SleefFloat.EXP_MAX));
      u.neg().fma(g, zero).intoArray(dl, i);
    }
    return i;
  }
}
