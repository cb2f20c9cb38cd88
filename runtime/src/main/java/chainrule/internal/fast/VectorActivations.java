package chainrule.internal.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * σ and tanh of a float array on double lanes, bit for bit {@code (float) (1.0 / (1.0 + Math.exp(-x)))} and
 * {@code (float) Math.tanh(x)}, as {@link chainrule.internal.FloatMath}'s are, and exact for the same reason:
 * each lane's double {@code y} lies within {@link #TOLERANCE} ulps of the formula's double, so both round to the
 * same float unless a float rounding boundary lies that close to y, and the vectors with such a lane (a few in a
 * million lanes) take the formula. Loaded only when {@link Fast#VECTOR} is true, like {@link VectorKernels}.
 *
 * <p>Both from one {@code m = e^t - 1}: {@code σ(x) = 1 / (2 + m)} with {@code t = -x}, and
 * {@code tanh(x) = -m / (2 + m)} with {@code t = -2x}, which has no cancellation near 0 (as {@code 1 - e^t}
 * would) and needs no sign handling. {@code e^t - 1 = 2^k·q + (2^k - 1)}, with {@code k = round(t / ln 2)},
 * {@code r = t - k·ln 2} (ln 2 in Cody and Waite's two parts, {@code |r| ≤ ln 2 / 2}) and {@code q = e^r - 1} by
 * Taylor's polynomial to {@code r¹³} (truncation under {@code 1.5·10^-17} relative); one rounding more for the sum,
 * so m is within ~3 ulps, σ and tanh within ~6, against the formula's 2 and 2.5: TOLERANCE is over 50× that.
 * No table (as the scalar σ's {@code 2^(j/64)}): a gather would cost more than the multiply-adds it saves. Over
 * all 2^32 floats ({@code VectorActivationsTest}, opt-in) every result equals the formula's.
 *
 * <p>Its shape is what C2 17 compiles whole, every vector in registers; anything else found so far makes some
 * operations calls that allocate their vector, several times slower than the scalar σ:
 * <ul>
 *   <li>A step computes one vector of doubles: each Vector API call inlines as a hundred nodes or more before
 *       they fold, and with two a step (both halves of a vector of floats) the method passed C2's inlining
 *       cutoff (18,000 nodes).
 *   <li>The floats are read and written in vectors of the shape the matrix products use, twice as many lanes
 *       as a vector of doubles: a step reads one, computes its first half and writes the second half back as it
 *       read it. With float vectors of half that size, the products' kernels, which share the Vector API's
 *       methods, compiled to code that allocated; a masked store of half a vector runs lane by lane on JDK 17
 *       (560 bytes a store).
 *   <li>Constants are vector fields: a loop over an array of the polynomial's coefficients took 30% longer.
 * </ul>
 * Measured in place, as the fused Linear kernels call them, against the scalar σ and tanh ({@code FloatMath}),
 * AMD Zen 5: 0.84× and 0.85× the time on 40 floats (a 4-row layer of 10: 32 of them here), 0.40× and 0.37× on
 * 256, 0.34× on 4,096; {@code ActivationBenchmark} (16,384 floats, not in place): 0.47× and 0.48×.
 */
final class VectorActivations {
  private VectorActivations() {}

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
  /** The floats, each vector the lanes of two of D: 16 floats, 8 doubles with AVX-512. */
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** The lanes of a float vector a step does not compute. */
  private static final VectorMask<Float> SECOND_HALF = S.indexInRange(0, D.length()).not();

  /** How far (in ulps of double) y may be from the formula's double: see the class comment. */
  static final long TOLERANCE = 1 << 10;
  // nearFloatBoundary's constants
  private static final LongVector BELOW_MIDPOINT = LongVector.broadcast(L, TOLERANCE - (1 << 28));
  private static final LongVector LOW_29_BITS = LongVector.broadcast(L, (1L << 29) - 1);
  private static final LongVector TWICE_TOLERANCE = LongVector.broadcast(L, 2 * TOLERANCE);

  /**
   * Where σ and tanh take values they round to without the polynomial: σ to 1 from 40 on; tanh to x below
   * 2^-26 (±0 and subnormals too), to ±1 from 22 on. Below -87 σ nears 2^-126, where floats turn subnormal
   * and the check for rounding boundaries no longer holds: the formula computes it.
   */
  private static final DoubleVector SIGMOID_FLOOR = DoubleVector.broadcast(D, -87);
  private static final DoubleVector SIGMOID_ONE = DoubleVector.broadcast(D, 40);
  private static final DoubleVector TANH_TINY = DoubleVector.broadcast(D, 0x1p-26);
  private static final DoubleVector TANH_ONE = DoubleVector.broadcast(D, 22);
  private static final DoubleVector MINUS_TANH_ONE = DoubleVector.broadcast(D, -22);

  // ln 2 in two parts: LN2_HI has its low 32 bits zero, so k·LN2_HI is exact (fdlibm's split)
  private static final DoubleVector LN2_HI = DoubleVector.broadcast(D, 6.93147180369123816490e-01);
  private static final DoubleVector LN2_LO = DoubleVector.broadcast(D, 1.90821492927058770002e-10);
  private static final DoubleVector INV_LN2 = DoubleVector.broadcast(D, 1.44269504088896338700e+00);
  /** {@code 1.5·2^52}: adding it rounds a double of magnitude under 2^51 to an integer, kept in the low bits. */
  private static final DoubleVector ROUNDER = DoubleVector.broadcast(D, 0x1.8p52);
  /** ROUNDER's bits less the exponent bias: subtracted from {@code ROUNDER + k}'s bits, leaves {@code k + 1023}. */
  private static final LongVector ROUNDER_LESS_BIAS =
      LongVector.broadcast(L, Double.doubleToRawLongBits(0x1.8p52) - 1023);
  private static final LongVector FRACTION_BITS = LongVector.broadcast(L, 52);
  private static final DoubleVector ONE = DoubleVector.broadcast(D, 1);
  private static final DoubleVector TWO = DoubleVector.broadcast(D, 2);
  private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(D, -2);
  private static final DoubleVector MINUS_ONE = DoubleVector.broadcast(D, -1);
  // Taylor's coefficients of e^r - 1, 1/n! for n = 2 .. 13 (n = 1 is ONE)
  private static final DoubleVector T2 = DoubleVector.broadcast(D, 1.0 / 2);
  private static final DoubleVector T3 = DoubleVector.broadcast(D, 1.0 / 6);
  private static final DoubleVector T4 = DoubleVector.broadcast(D, 1.0 / 24);
  private static final DoubleVector T5 = DoubleVector.broadcast(D, 1.0 / 120);
  private static final DoubleVector T6 = DoubleVector.broadcast(D, 1.0 / 720);
  private static final DoubleVector T7 = DoubleVector.broadcast(D, 1.0 / 5040);
  private static final DoubleVector T8 = DoubleVector.broadcast(D, 1.0 / 40320);
  private static final DoubleVector T9 = DoubleVector.broadcast(D, 1.0 / 362880);
  private static final DoubleVector T10 = DoubleVector.broadcast(D, 1.0 / 3628800);
  private static final DoubleVector T11 = DoubleVector.broadcast(D, 1.0 / 39916800);
  private static final DoubleVector T12 = DoubleVector.broadcast(D, 1.0 / 479001600);
  private static final DoubleVector T13 = DoubleVector.broadcast(D, 1.0 / 6227020800L);

  /** Elements a step computes: D's lanes. */
  static final int STEP = D.length();
  /** Elements a step reads and writes: S's lanes, twice STEP. The half it does not compute it writes as it read. */
  static final int READ = S.length();

  /**
   * {@code a[i] = σ(l[i])} for the first elements of {@code i < n}, the {@link #steps} that fit in n (in the
   * order of {@link #start}); returns how many it did, the caller does the rest. {@code a} may be {@code l}.
   */
  static int sigmoid(float[] a, float[] l, int n) {
    int steps = steps(n);
    for (int k = 0; k < steps; k++) {
      int i = start(k, steps, a == l);
      FloatVector read = FloatVector.fromArray(S, l, i);
      DoubleVector x = widen(read);
      DoubleVector y = sigmoidNear(x).blend(ONE, x.compare(VectorOperators.GE, SIGMOID_ONE));
      boolean fast = x.compare(VectorOperators.GT, SIGMOID_FLOOR).allTrue(); // false for NaN
      if (fast & !nearFloatBoundary(y)) { // one branch: the rare vectors take the same path
        narrow(y, read).intoArray(a, i);
        continue;
      }
      for (int j = i; j < i + STEP; j++) {
        a[j] = (float) (1.0 / (1.0 + Math.exp(-l[j])));
      }
    }
    return steps * STEP;
  }

  /**
   * {@code a[i] = tanh(l[i])} for the first elements of {@code i < n}, the {@link #steps} that fit in n; returns
   * how many it did, the caller does the rest. {@code a} may be {@code l}. {@link #sigmoid}'s loop with tanh's
   * formula, limits and fallback: one method for both would hold twice the vector code of a step, as the steps
   * of two vectors that passed C2's cutoff did.
   */
  static int tanh(float[] a, float[] l, int n) {
    int steps = steps(n);
    for (int k = 0; k < steps; k++) {
      int i = start(k, steps, a == l);
      FloatVector read = FloatVector.fromArray(S, l, i);
      DoubleVector x = widen(read);
      DoubleVector y = tanhNear(x)
          .blend(x, x.abs().compare(VectorOperators.LT, TANH_TINY))
          .blend(ONE, x.compare(VectorOperators.GE, TANH_ONE))
          .blend(MINUS_ONE, x.compare(VectorOperators.LE, MINUS_TANH_ONE));
      boolean fast = x.compare(VectorOperators.EQ, x).allTrue(); // false for NaN
      if (fast & !nearFloatBoundary(y)) {
        narrow(y, read).intoArray(a, i);
        continue;
      }
      for (int j = i; j < i + STEP; j++) {
        a[j] = (float) Math.tanh(l[j]);
      }
    }
    return steps * STEP;
  }

  /** How many steps fit in n elements, each reading {@link #READ} from where it starts, a multiple of {@link #STEP}. */
  private static int steps(int n) {
    return n < READ ? 0 : (n - READ) / STEP + 1;
  }

  /**
   * Where step k of {@code steps} starts: one after the other, or in place the even steps first (at 0, 2·STEP,
   * 4·STEP, …), then the odd ones. In place, a step that read what the step before it had just written would
   * wait for that store to finish (it overlaps the store by half, so its value cannot be forwarded), and the
   * steps would run one after the other instead of overlapping: on 256 floats in place, one after the other,
   * 1.4× the time of the scalar σ; in this order, 0.4×. No step then reads what the step before it wrote, but
   * for the first odd step on a short array. Not in place, one after the other: two passes over a long array
   * take longer.
   */
  private static int start(int k, int steps, boolean inPlace) {
    if (!inPlace) {
      return k * STEP;
    }
    int evens = (steps + 1) / 2;
    return k < evens ? 2 * k * STEP : (2 * (k - evens) + 1) * STEP;
  }

  /** σ of each lane within ~6 ulps of {@code 1.0 / (1.0 + Math.exp(-x))}, for {@code -87 < x < 40}. */
  static DoubleVector sigmoidNear(DoubleVector x) {
    return ONE.div(expm1(x.neg()).add(TWO)); // 1 / (1 + e^-x)
  }

  /** tanh of each lane within ~6 ulps of {@code Math.tanh(x)}, for {@code 2^-26 ≤ |x| < 22}. */
  static DoubleVector tanhNear(DoubleVector x) {
    DoubleVector m = expm1(x.mul(MINUS_TWO));
    return m.neg().div(m.add(TWO)); // (1 - e^-2x) / (1 + e^-2x)
  }

  /** The first half of the lanes, as doubles: exact. */
  private static DoubleVector widen(FloatVector read) {
    return (DoubleVector) read.convertShape(VectorOperators.F2D, D, 0);
  }

  /**
   * y's lanes rounded to float, to nearest (ties to even, but no tie is within TOLERANCE of y), in the first half
   * of the lanes, and the second half as read.
   */
  private static FloatVector narrow(DoubleVector y, FloatVector read) {
    return ((FloatVector) y.convertShape(VectorOperators.D2F, S, 0)).blend(read, SECOND_HALF);
  }

  /**
   * Whether a lane of y might round to another float than a double within {@link #TOLERANCE} ulps of it: for y
   * in the normal float range a float's ulp is 2^29 ulps of double, and the midpoints between floats are where
   * y's low 29 bits are 2^28.
   */
  static boolean nearFloatBoundary(DoubleVector y) {
    LongVector low = y.reinterpretAsLongs().add(BELOW_MIDPOINT).and(LOW_29_BITS);
    return low.compare(VectorOperators.LE, TWICE_TOLERANCE).anyTrue();
  }

  /**
   * {@code e^t - 1} within ~3 ulps, for {@code -1022·ln 2 < t < 1023·ln 2}: σ's {@code t = -x} and tanh's
   * {@code -2x} between their limits.
   */
  private static DoubleVector expm1(DoubleVector t) {
    DoubleVector shifted = t.fma(INV_LN2, ROUNDER); // ROUNDER + k
    DoubleVector minusK = ROUNDER.sub(shifted);
    DoubleVector r = minusK.fma(LN2_LO, minusK.fma(LN2_HI, t)); // t - k·ln 2
    DoubleVector p = r.fma(T13, T12).fma(r, T11).fma(r, T10).fma(r, T9).fma(r, T8).fma(r, T7).fma(r, T6)
        .fma(r, T5).fma(r, T4).fma(r, T3).fma(r, T2).fma(r, ONE);
    DoubleVector q = p.mul(r); // e^r - 1 = r + r²/2! + … + r¹³/13!
    LongVector biasedK = shifted.reinterpretAsLongs().sub(ROUNDER_LESS_BIAS); // k + 1023
    DoubleVector twoK = biasedK.lanewise(VectorOperators.LSHL, FRACTION_BITS).reinterpretAsDoubles(); // 2^k
    return twoK.fma(q, twoK.sub(ONE));
  }
}
