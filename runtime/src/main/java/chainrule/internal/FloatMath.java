package chainrule.internal;

/**
 * σ, tanh and exp of a float, fast, and exactly equal to what the kernels have always computed:
 * {@code (float) (1.0 / (1.0 + Math.exp(-x)))}, {@code (float) Math.tanh(x)} and {@code (float) Math.exp(x)},
 * for every float x (NaN gives NaN); logs are in {@link FloatLog}. On JDK 17 {@code Math.tanh} is a native call, ~30 ns a float; this tanh takes ~4 ns, and this σ ~15%
 * less than with {@code Math.exp}.
 *
 * <p>How the result can be fast and still exact: the value is computed in double with a cheap {@code e^t}
 * (below) whose relative error is under 1e-15, so that the double {@code y} lies within {@link #TOLERANCE}
 * units in the last place (ulps of double) of the double {@code R} the slow formula computes; that bound
 * includes R's own error ({@code Math.exp} within 1 ulp, {@code Math.tanh} within 2.5, by their contracts).
 * Rounding to float gives the same float for y and R unless a float rounding boundary (a midpoint between two
 * adjacent floats) lies between them, and then y is within TOLERANCE ulps of it: {@link #nearFloatBoundary}
 * sees that in y's low 29 bits. Those rare inputs (a few in a million) take the slow formula.
 *
 * <p>{@code e^t = 2^(k/64) · e^r}, {@code k = round(64·t / ln 2)}, {@code r = t - k·ln 2 / 64} in two parts
 * (Cody and Waite), {@code |r| ≤ ln 2 / 128}; {@code 2^(k/64) = 2^(k >> 6)·2^(j/64)} with {@code j = k mod 64}
 * from a table of 64 doubles (each within an ulp), and {@code e^r - 1} by Taylor's degree-5 polynomial
 * (truncation under 3.5e-17), so that the result is within ~2 ulps; a third of the multiply-adds of a
 * polynomial over {@code |r| ≤ ln 2 / 2}, and a shorter chain of them. The error bounds, per function:
 * <ul>
 *   <li>exp: {@code e^t} within ~2 ulps, with R's 1 ulp: ~3 ulps;
 *   <li>σ: {@code e^t} within ~2 ulps, {@code 1 + e} and the division add one rounding each: ~6 ulps in all,
 *       with R's ~2;
 *   <li>tanh, {@code |x| ≥ 1/16}: {@code (1 - e) / (1 + e)} with {@code e = e^{-2|x|}}; {@code 1 - e} cancels,
 *       multiplying the error of e by at most {@code e / (1 - e) < 7.6}: ~80 ulps in all, with R's 2.5;
 *   <li>tanh, {@code |x| < 1/16}: the odd Taylor polynomial to {@code x^11} (truncation under 2e-17): ~1 ulp.
 * </ul>
 * TOLERANCE is 1024 ulps, over 10× the largest bound. Over all 2^32 floats ({@code FloatMathTest}, opt-in) the
 * largest distance between y and R is 8 ulps for tanh, 4 for σ, 1 for exp, and every result equals the
 * formula's.
 */
public final class FloatMath {
  private FloatMath() {}

  /** How far (in ulps of double) y may be from R: see the class comment. */
  static final long TOLERANCE = 1 << 10;

  // ln 2 in two parts: LN2_HI has its low 32 bits zero, so k·LN2_HI is exact (fdlibm's split)
  private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42fee00000
  private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
  private static final double INV_LN2 = 1.44269504088896338700e+00;
  /** Between a float's exponent bias (127) and a double's (1023), in the place of a double's exponent. */
  private static final long REBIAS = (long) (1023 - 127) << 52;
  /** {@code 1.5·2^52}: adding it rounds a double of magnitude under 2^51 to an integer, kept in the low bits. */
  private static final double ROUNDER = 0x1.8p52;
  private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
  /** Entries of the table of {@code 2^(j/64)}: {@code e^t = 2^(k/64)·e^r} with {@code |r| ≤ ln 2 / 128}. */
  private static final int EXP_TABLE_BITS = 6;
  /** {@code 2^(j/64)}, j = 0 .. 63, each within an ulp (StrictMath.pow's bound). */
  private static final double[] EXP2_J = new double[1 << EXP_TABLE_BITS];

  static {
    for (int j = 0; j < EXP2_J.length; j++) {
      EXP2_J[j] = StrictMath.pow(2, (double) j / EXP2_J.length);
    }
  }

  /** {@code 64 / ln 2}, and {@code ln 2 / 64} in LN2_HI's two parts (scaled by a power of two: still exact). */
  private static final double SIXTY_FOUR_OVER_LN2 = INV_LN2 * 64;
  private static final double LN2_HI_64 = LN2_HI / 64;
  private static final double LN2_LO_64 = LN2_LO / 64;
  /** tanh(x) = x + x³·(T3 + T5·x² + T7·x⁴ + T9·x⁶ + T11·x⁸) + …: Taylor, for |x| < 1/16. */
  private static final double T3 = -1.0 / 3;
  private static final double T5 = 2.0 / 15;
  private static final double T7 = -17.0 / 315;
  private static final double T9 = 62.0 / 2835;
  private static final double T11 = -1382.0 / 155925;
  /** Below this |x|, tanh takes the Taylor polynomial; from it on, {@code e^{-2|x|}}. */
  static final double TANH_SMALL = 0.0625;
  /** Below this |x|, tanh rounds to x. */
  static final float TANH_TINY = 0x1p-26f;
  /** From this |x| on, tanh rounds to ±1 in double (fdlibm's own threshold). */
  static final float TANH_ONE = 22f;
  /** σ's fast range: above it σ rounds to 1; below it σ is under 2^-126, where floats are subnormal. */
  static final float SIGMOID_MIN = -87f;
  static final float SIGMOID_MAX = 40f;
  /** exp's fast range: below it {@code e^x} is under 2^-126, where floats are subnormal; above it, over the largest float. */
  static final float EXP_MIN = -87f;
  static final float EXP_MAX = 88f;

  /** {@code (float) (1.0 / (1.0 + Math.exp(-x)))}, bit for bit. */
  public static float sigmoid(float x) {
    if (x > SIGMOID_MIN && x < SIGMOID_MAX) { // false for NaN
      double y = sigmoidNear(widen(x)); // for |x| < 2^-126 not x, but σ of either is 0.5
      if (!nearFloatBoundary(y)) {
        return narrow(y);
      }
    }
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  /**
   * {@code (float) Math.exp(x)}, bit for bit, ~2× faster (no hot path calls it: σ and tanh use the double
   * {@link #exp(double)} inside, cross-entropy PyTorch's float {@link chainrule.internal.fast.SleefFloat#exp}).
   */
  public static float exp(float x) {
    if (x > EXP_MIN && x < EXP_MAX) { // false for NaN
      double y = exp(widen(x)); // for |x| < 2^-126 not x, but e^x of either is 1
      if (!nearFloatBoundary(y)) {
        return narrow(y);
      }
    }
    return (float) Math.exp(x);
  }

  /** {@code (float) Math.tanh(x)}, bit for bit. */
  public static float tanh(float x) {
    float a = Math.abs(x);
    if (!(a < TANH_ONE)) {
      return a >= TANH_ONE ? Math.copySign(1f, x) : x; // x: NaN
    }
    if (a < TANH_TINY) {
      return x; // tanh(x) = x·(1 - x²/3 + …) rounds to x
    }
    double y = tanhNear(widen(a));
    if (nearFloatBoundary(y)) {
      return (float) Math.tanh(x);
    }
    return Math.copySign(narrow(y), x);
  }

  /**
   * {@code (double) x} for a normal float x, by its bits; for zero and subnormals, a double of the same sign
   * below 2^-126. Why not the cast: see {@link #narrow}.
   */
  static double widen(float x) {
    int bits = Float.floatToRawIntBits(x);
    long sign = (long) (bits & 0x80000000) << 32;
    long magnitude = (long) (bits & 0x7fffffff) << 29; // exponent and fraction, float's exponent bias
    return Double.longBitsToDouble(sign | (magnitude + REBIAS));
  }

  /**
   * {@code (float) y} for y ≥ 2^-126 whose float is finite, not near a float rounding boundary (no tie to
   * break), by its bits. The casts compile to {@code cvtsd2ss} and {@code cvtss2sd}, which keep the upper bits of their
   * destination register; C2 17 does not break that false dependency, and depending on how it allocates
   * registers it can chain each element's whole computation to the previous one's: measured 16 ns a σ
   * instead of 3.5 on inputs that never take the slow formula (where C2 compiles that path out).
   */
  static float narrow(double y) {
    long bits = Double.doubleToRawLongBits(y) - REBIAS + (1L << 28); // + half a float ulp: rounds to nearest
    return Float.intBitsToFloat((int) (bits >>> 29));
  }

  /** σ(x) within ~10 ulps of {@code 1.0 / (1.0 + Math.exp(-x))}, for {@code SIGMOID_MIN < x < SIGMOID_MAX}. */
  static double sigmoidNear(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** tanh(a) within ~80 ulps of {@code Math.tanh(a)}, for {@code TANH_TINY ≤ a < TANH_ONE}. */
  static double tanhNear(double a) {
    if (a < TANH_SMALL) {
      double z = a * a;
      double p = Math.fma(Math.fma(Math.fma(Math.fma(T11, z, T9), z, T7), z, T5), z, T3);
      return Math.fma(p * z, a, a);
    }
    double e = exp(-2 * a);
    return (1 - e) / (1 + e);
  }

  /**
   * {@code e^t} within ~2 ulps for {@code |t| ≤ 700} (see the class comment); not {@code Math.exp}'s result bit
   * for bit.
   */
  static double exp(double t) {
    double shifted = Math.fma(t, SIXTY_FOUR_OVER_LN2, ROUNDER); // ROUNDER + k, k = round(64·t / ln 2)
    double k = shifted - ROUNDER;
    double r = Math.fma(-k, LN2_HI_64, t);
    r = Math.fma(-k, LN2_LO_64, r);
    double r2 = r * r;
    // e^r - 1 = r + r²·(1/2 + r/6 + r²/24 + r³/120): Taylor, truncation under r⁶/720 < 3.5e-17
    double q = Math.fma(r2, Math.fma(r, 1.0 / 120, 1.0 / 24), Math.fma(r, 1.0 / 6, 0.5));
    double p = Math.fma(r2, q, r);
    long bits = Double.doubleToRawLongBits(shifted) - ROUNDER_BITS; // k
    int j = (int) bits & ((1 << EXP_TABLE_BITS) - 1);
    double scaled = Double.longBitsToDouble( // 2^(k/64) = 2^(k >> 6) · 2^(j/64)
        Double.doubleToRawLongBits(EXP2_J[j]) + ((bits >> EXP_TABLE_BITS) << 52));
    return Math.fma(scaled, p, scaled);
  }

  /**
   * Whether rounding {@code y} to float might differ from rounding a double within {@link #TOLERANCE} ulps
   * of it: whether a midpoint between two adjacent floats lies that close. For {@code |y|} in the normal
   * float range a float's ulp is 2^29 ulps of double, so the midpoints are where y's low 29 bits are
   * {@code 2^28}. Not meaningful below 2^-126, where floats are subnormal.
   */
  static boolean nearFloatBoundary(double y) {
    long low = (Double.doubleToRawLongBits(y) + TOLERANCE - (1 << 28)) & ((1 << 29) - 1);
    return low <= 2 * TOLERANCE;
  }
}
