package chainrule.internal;

/**
 * log and log1p of a float, fast, and exactly equal to what BCE has always computed: {@code (float) Math.log(x)}
 * and {@code (float) StrictMath.log1p(x)} (which {@code Math.log1p} and {@link Log1p} return), for every float
 * x (NaN gives NaN). On JDK 17, in a loop on this project's machine, {@code Math.log} of a float takes ~14 ns
 * and {@code Math.log1p} (a native call) ~11. BCE's loss over 16384 probabilities took ~17 ns a value with those
 * two calls, ~10 with these two, and ~7 with one {@link #logOrLog1m} a value ({@code Kernels.bceForward} on hard
 * targets; {@code ActivationBenchmark}'s {@code bce} and {@code bceMathLog}).
 *
 * <p>Exact for the reason {@link FloatMath}'s σ is: the double {@code y} computed here is within a few ulps (of
 * double) of the true logarithm, so within {@link FloatMath#TOLERANCE} ulps of the double the slow call returns
 * (within 1 ulp of the truth), and both round to the same float unless a float rounding boundary lies that
 * close to y, which {@link FloatMath#nearFloatBoundary} sees; those rare inputs take the slow call.
 *
 * <p>Method (a table and a short polynomial, as in ARM's optimized-routines and musl): write the argument
 * {@code u = 2^k·z} with z in [0.6875, 1.375), pick from z's leading bits one of 128 buckets, each with a
 * centre c and {@code log c}; then {@code log u = k·ln 2 + log c + log1p(r)}, {@code r = z/c - 1} (one fused
 * multiply-add with {@code 1/c}), {@code |r| ≤ 2^-8}, and {@code log1p(r) = r - r²/2 + … + r⁹/9} (Taylor,
 * truncation under {@code r^10/10}, relative error under 2^-56). The two buckets beside 1 take {@code c = 1}
 * ({@code |r| ≤ 2^-7}), so that near {@code u = 1}, where the result is small, nothing cancels: {@code r = z - 1}
 * is exact and the result as accurate as the polynomial. Elsewhere {@code |log u| ≥ 0.0078} and the three
 * terms each add under an ulp: over all 2^32 floats ({@code FloatLogTest}, opt-in) y is within 2 ulps of the
 * slow call's double.
 *
 * <p>log1p of a float {@code x ≥ 2^-29} in magnitude: {@code 1 + x} is then exact in double ({@code x} is a
 * multiple of 2^-52, and of {@code 1 + x}'s ulp), so {@code log1p(x) = log(1 + x)}, computed as above; below
 * 2^-29, fdlibm returns {@code x - x²/2}, which rounds to x in float.
 */
final class FloatLog {
  private FloatLog() {}

  private static final int TABLE_BITS = 7;
  /** The bits of 0.6875, the lower end of z's range: a bucket boundary close to √2/2. */
  private static final long OFF = 0x3fe6000000000000L;
  /** Per bucket, {@code 1/c} and {@code log c = -log(1/c)} (StrictMath's, within an ulp). */
  private static final double[] INV_C = new double[1 << TABLE_BITS];
  private static final double[] LOG_C = new double[1 << TABLE_BITS];

  static {
    for (int i = 0; i < INV_C.length; i++) {
      double low = Double.longBitsToDouble(OFF + ((long) i << (52 - TABLE_BITS)));
      double high = Double.longBitsToDouble(OFF + ((long) (i + 1) << (52 - TABLE_BITS)));
      double inverse = low <= 1 && high >= 1 ? 1 : 2 / (low + high); // the two buckets beside 1: c = 1
      INV_C[i] = inverse;
      LOG_C[i] = -StrictMath.log(inverse);
    }
  }

  private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42fee00000: k·LN2_HI is exact
  private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
  /** Below this magnitude, {@code (float) log1p(x)} is x. */
  static final float LOG1P_TINY = 0x1p-29f;
  /** From here on, {@code 1 + x} may not be exact in double: the slow call. */
  static final float LOG1P_MAX = 0x1p52f;

  /** {@code (float) Math.log(x)}, bit for bit. */
  static float log(float x) {
    if (x >= Float.MIN_NORMAL && x < Float.POSITIVE_INFINITY && x != 1f) { // false for NaN; log 1 = 0 is no normal float
      double y = logNear(FloatMath.widen(x));
      if (!FloatMath.nearFloatBoundary(y)) {
        return narrowSigned(y);
      }
    }
    return (float) Math.log(x);
  }

  /** {@code (float) StrictMath.log1p(x)} ({@code = (float) Math.log1p(x)}), bit for bit. */
  static float log1p(float x) {
    if (x > -1f && x < LOG1P_MAX) { // false for NaN
      if (Math.abs(x) < LOG1P_TINY) {
        return x;
      }
      double y = logNear(1 + FloatMath.widen(x));
      if (!FloatMath.nearFloatBoundary(y)) {
        return narrowSigned(y);
      }
    }
    return (float) Log1p.log1p(x);
  }

  /**
   * {@code log(p)} if {@code ofP}, else {@code log1p(-p)}, for BCE's p in [0, 1]: exactly {@link #log} or
   * {@link #log1p}, with one table lookup either way ({@code log1p(-p) = log(1 - p)}, and {@code 1 - p} is exact in
   * double for {@code p ≥ 2^-29}).
   */
  static float logOrLog1m(float p, boolean ofP) {
    double wide = FloatMath.widen(p);
    double u = ofP ? wide : 1 - wide;
    if (p >= (ofP ? Float.MIN_NORMAL : LOG1P_TINY) && p < 1f) { // false for NaN
      double y = logNear(u);
      if (!FloatMath.nearFloatBoundary(y)) {
        return narrowSigned(y);
      }
    }
    return ofP ? log(p) : log1p(-p);
  }

  /** {@code log u} within a few ulps, for a positive normal double u (see the class comment). */
  static double logNear(double u) {
    long bits = Double.doubleToRawLongBits(u);
    long shifted = bits - OFF;
    int i = (int) (shifted >>> (52 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
    double k = (double) (shifted >> 52); // u = 2^k·z
    double z = Double.longBitsToDouble(bits - (shifted & (0xfffL << 52)));
    double r = Math.fma(z, INV_C[i], -1.0);
    double r2 = r * r;
    double r4 = r2 * r2;
    // log1p(r) = r + r²·q, q = -1/2 + r/3 - r²/4 + … + r⁷/9, in Estrin's form
    double q01 = Math.fma(r, 1.0 / 3, -0.5);
    double q23 = Math.fma(r, 1.0 / 5, -0.25);
    double q45 = Math.fma(r, 1.0 / 7, -1.0 / 6);
    double q67 = Math.fma(r, 1.0 / 9, -0.125);
    double q = Math.fma(r4, Math.fma(r2, q67, q45), Math.fma(r2, q23, q01));
    double tail = Math.fma(k, LN2_LO, Math.fma(r2, q, r));
    return Math.fma(k, LN2_HI, LOG_C[i]) + tail;
  }

  /**
   * {@code (float) y} for y not near a float rounding boundary whose magnitude rounds to a normal float, by its
   * bits (see {@link FloatMath#narrow} for why not the cast).
   */
  static float narrowSigned(double y) {
    long bits = Double.doubleToRawLongBits(y);
    int sign = (int) (bits >>> 32) & 0x80000000;
    return Float.intBitsToFloat(Float.floatToRawIntBits(FloatMath.narrow(Math.abs(y))) | sign);
  }
}
