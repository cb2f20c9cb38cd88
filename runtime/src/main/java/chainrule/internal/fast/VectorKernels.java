package chainrule.internal.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels that C2 does not vectorise on its own, on the Vector API; like {@link VectorGemm},
 * loaded only when {@link Fast#VECTOR} is true. ReLU's {@code a > 0 ? x : 0} is a branch per element in
 * scalar code, and on a ReLU layer's output it is taken at random: a mispredicted branch every other
 * element, ~5 ns each. As a lane-wise compare and blend it costs nothing. Same results as the scalar loops,
 * bit for bit (0 for NaN and for -0).
 */
final class VectorKernels {
  private VectorKernels() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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
}
