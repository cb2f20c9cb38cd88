package chainrule.internal.fast;

/**
 * The float32 {@code exp} and {@code log} behind PyTorch 1.13's vectorised CPU kernels, one lane at a time:
 * {@code Vectorized<float>::exp()} and {@code log()} call SLEEF's {@code Sleef_expf8_u10} and
 * {@code Sleef_logf8_u10} (error bound 1 ulp, not correctly rounded), which on an AVX2 CPU run their
 * {@code avx2} variants. Log-softmax and its backward use them, so cross-entropy needs their exact bits.
 *
 * <p>Written from the algorithms of SLEEF 3.5 (Naoki Shibata and contributors, Boost Software License 1.0)
 * as Debian's {@code libsleef.so.3} compiles them: the order of operations, the fused multiply-adds
 * ({@code Math.fma} where the machine code has {@code vfmadd}/{@code vfmsub}/{@code vfnmadd}) and the
 * constants' bit patterns were read from that library with {@code objdump -d}. Checked against torch's own
 * {@code exp} and {@code log} in {@code SleefFloatTest}.
 */
public final class SleefFloat {
  private SleefFloat() {}

  // exp's constants (hex literals of the library's bit patterns), shared with its lane-wise copy,
  // VectorKernels.softmaxScaled: log2 e, then ln 2 in two parts (Cody–Waite)
  static final float LOG2_E = 0x1.715476p+0f; // 0x3fb8aa3b
  static final float MINUS_LN2_HI = -0x1.62e4p-1f; // 0xbf317200
  static final float MINUS_LN2_LO = -0x1.7f7d1cp-20f; // 0xb5bfbe8e
  // the polynomial's coefficients, highest degree first
  static final float EXP_P0 = 0x1.a057b4p-13f; // 0x39502bda
  static final float EXP_P1 = 0x1.6d2d92p-10f; // 0x3ab696c9
  static final float EXP_P2 = 0x1.11114cp-7f; // 0x3c0888a6
  static final float EXP_P3 = 0x1.5554f4p-5f; // 0x3d2aaa7a
  static final float EXP_P4 = 0x1.555556p-3f; // 0x3e2aaaab
  static final float EXP_P5 = 0.5f;
  // exp is 0 below EXP_MIN and ∞ above EXP_MAX
  static final float EXP_MIN = -104f;
  static final float EXP_MAX = 100f;

  /**
   * {@code Sleef_expf8_u10}: {@code q = rint(d·log2 e)}, {@code s = d - q·ln 2} (two FMAs), {@code e^s ≈ 1 + s
   * + s²·P(s)}, scaled by {@code 2^q} in two halves (so {@code 2^q} may be subnormal); 0 below -104, ∞ above
   * 100.
   */
  public static float exp(float d) {
    int q = (int) Math.rint(d * LOG2_E); // vcvtps2dq rounds half to even; out-of-range q is masked below
    float qf = (float) q;
    float s = Math.fma(qf, MINUS_LN2_HI, d);
    s = Math.fma(qf, MINUS_LN2_LO, s);
    float u = Math.fma(s, EXP_P0, EXP_P1);
    u = Math.fma(s, u, EXP_P2);
    u = Math.fma(s, u, EXP_P3);
    u = Math.fma(s, u, EXP_P4);
    u = Math.fma(s, u, EXP_P5);
    u = Math.fma(s * s, u, s) + 1f;
    int half = q >> 1;
    u = u * Float.intBitsToFloat((half << 23) + 0x3f800000);
    u = u * Float.intBitsToFloat(((q - half) << 23) + 0x3f800000);
    if (d < EXP_MIN) {
      u = 0f;
    }
    return EXP_MAX < d ? Float.POSITIVE_INFINITY : u; // NaN falls through both tests and stays NaN
  }

  private static final float TWO_POW_64 = 0x1p64f;
  private static final float FOUR_THIRDS = Float.intBitsToFloat(0x3faaaaab);
  private static final float LN2_HI = Float.intBitsToFloat(0x3f317218); // ln 2 = LN2_HI + LN2_LO
  private static final float LN2_LO = Float.intBitsToFloat(0xb102e308);
  private static final float LOG_C0 = Float.intBitsToFloat(0x3e9aff5c);
  private static final float LOG_C1 = Float.intBitsToFloat(0x3ecc99ca);
  private static final float LOG_C2 = Float.intBitsToFloat(0x3f2aaada);

  /**
   * {@code Sleef_logf8_u10}: {@code d = m·2^e} with {@code m} in [0.75, 1.5), then {@code log d = e·ln 2 +
   * 2·atanh(x)} with {@code x = (m - 1) / (m + 1)}, carried in double-float (a float plus its error) until
   * the last addition: {@code 2x + x³·T(x²)}. -∞ at 0, NaN below 0, ∞ at ∞.
   */
  public static float log(float d) {
    boolean subnormal = d < Float.MIN_NORMAL;
    if (subnormal) {
      d = d * TWO_POW_64;
    }
    int e = (Float.floatToRawIntBits(d * FOUR_THIRDS) >>> 23) & 0xff;
    float m = Float.intBitsToFloat(Float.floatToRawIntBits(d) - (e << 23) + 0x3f800000);
    e += subnormal ? -191 : -127;
    float ef = (float) e;

    // s = e·ln 2 as a double-float (sHi, sLo)
    float sHi = ef * LN2_HI;
    float sLo = Math.fma(ef, LN2_HI, -sHi);
    sLo = Math.fma(ef, LN2_LO, sLo);

    // numerator m - 1 and denominator m + 1, each as a double-float (two-sum of ±1 and m)
    float nHi = m + -1f;
    float v = nHi + 1f;
    float nLo = (-1f - (nHi - v)) + (m - v);
    float dHi = m + 1f;
    v = dHi + -1f;
    float dLo = (1f - (dHi - v)) + (m - v);

    // x = n / d in double-float
    float t = 1f / dHi;
    float xHi = nHi * t;
    float xLo = Math.fma(t, nHi, -xHi);
    float r = Math.fma(-t, dHi, 1f);
    r = Math.fma(-t, dLo, r);
    xLo = Math.fma(t, nLo, xLo);
    xLo = Math.fma(xHi, r, xLo);

    float x2 = xHi * xHi;
    float poly = Math.fma(x2, LOG_C0, LOG_C1);
    poly = Math.fma(x2, poly, LOG_C2);

    // s + 2x (double-float sum), then + x³·poly, then collapse to one float
    float twoXHi = xHi + xHi;
    float twoXLo = xLo + xLo;
    float hi = sHi + twoXHi;
    float lo = twoXHi + (sHi - hi);
    lo = sLo + lo;
    lo = twoXLo + lo;
    float cube = (xHi * x2) * poly;
    float hi2 = hi + cube;
    lo = lo + (cube + (hi - hi2));
    float result = hi2 + lo;

    if (d == Float.POSITIVE_INFINITY) {
      return Float.POSITIVE_INFINITY;
    }
    if (!(d >= 0f)) { // negative or NaN
      return Float.NaN;
    }
    return d == 0f ? Float.NEGATIVE_INFINITY : result;
  }
}
