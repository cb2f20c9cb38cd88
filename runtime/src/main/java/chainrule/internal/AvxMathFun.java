package chainrule.internal;

/**
 * The float32 {@code log} and {@code sin}/{@code cos} that PyTorch 1.13's AVX2 {@code normal_} uses, one lane
 * at a time, giving the same bits as the compiled library on this CPU.
 *
 * <p>Torch's {@code normal_fill_16_AVX2} calls {@code log256_ps} and {@code sincos256_ps} from
 * {@code aten/src/ATen/native/cpu/avx_mathfun.h}: Julien Pommier's SSE port of the Cephes single-precision
 * polynomials (Stephen L. Moshier), widened to AVX by Giovanni Garberoglio (zlib licence). Bit-exactness
 * needs more than the algorithm: GCC contracted many multiply-then-add pairs of that file into fused
 * multiply-adds (one rounding instead of two), and which pairs it fused is only visible in the machine code.
 * Each {@code Math.fma} below stands where Debian's {@code libtorch_cpu.so.1.13.0} has a {@code vfmadd},
 * {@code vfnmadd} or {@code vfmsub} (read with {@code objdump -d}); every other operation rounds on its own,
 * as a plain {@code vmulps}/{@code vaddps} does. The constants are the float bit patterns loaded by that code.
 *
 * <p>Only the domain that {@code normal_} uses is promised: {@code log} of a float in (0, 1], {@code sin}
 * and {@code cos} of a float in [0, 2π). Outside it the results follow the same operations, but nobody has
 * compared them with torch.
 */
final class AvxMathFun {
  private AvxMathFun() {}

  // log: log(x) = log(m·2^e) with m in [√½, √2) after the reduction, log(1 + f) ≈ f - f²/2 + f³·P(f)
  private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000); // smallest normal float
  private static final float SQRT_HALF = Float.intBitsToFloat(0x3f3504f3);
  private static final float[] LOG_P = {
    Float.intBitsToFloat(0x3d9021bb), Float.intBitsToFloat(0xbdebd1b8), Float.intBitsToFloat(0x3def251a),
    Float.intBitsToFloat(0xbdfe5d4f), Float.intBitsToFloat(0x3e11e9bf), Float.intBitsToFloat(0xbe2aae50),
    Float.intBitsToFloat(0x3e4cceac), Float.intBitsToFloat(0xbe7ffffc), Float.intBitsToFloat(0x3eaaaaaa),
  };
  private static final float LN2_LO = Float.intBitsToFloat(0xb95e8083); // ln 2 = LN2_HI + LN2_LO
  private static final float LN2_HI = Float.intBitsToFloat(0x3f318000); // 0.693359375, exact in 9 bits

  // sin/cos: reduce by multiples of π/4 (Cody–Waite, π/4 = DP1 + DP2 + DP3), then one of two polynomials
  private static final float FOUR_OVER_PI = Float.intBitsToFloat(0x3fa2f983);
  private static final float MINUS_DP1 = Float.intBitsToFloat(0xbf490000);
  private static final float MINUS_DP2 = Float.intBitsToFloat(0xb97da000);
  private static final float MINUS_DP3 = Float.intBitsToFloat(0xb3222169);
  private static final float COS_P0 = Float.intBitsToFloat(0x37ccf5ce);
  private static final float COS_P1 = Float.intBitsToFloat(0xbab6061a);
  private static final float COS_P2 = Float.intBitsToFloat(0x3d2aaaa5);
  private static final float SIN_P0 = Float.intBitsToFloat(0xb94ca1f9);
  private static final float SIN_P1 = Float.intBitsToFloat(0x3c08839e);
  private static final float SIN_P2 = Float.intBitsToFloat(0xbe2aaaa3);
  private static final int SIGN = 0x80000000;

  /** {@code log256_ps}, one lane: natural logarithm in float; NaN for {@code v <= 0}. */
  static float log(float v) {
    boolean invalid = v <= 0f;
    float x = v > MIN_NORM_POS ? v : MIN_NORM_POS; // vmaxps: also maps NaN to the minimum
    int bits = Float.floatToRawIntBits(x);
    float e = (float) ((bits >>> 23) - 0x7f) + 1f;
    x = Float.intBitsToFloat((bits & 0x807fffff) | 0x3f000000); // mantissa m in [0.5, 1)
    // m < √½: e -= 1 and f = 2m - 1, else f = m - 1; done with masks, as the vector code does
    boolean small = x < SQRT_HALF;
    float kept = small ? x : 0f;
    x = x + -1f;
    e = e - (small ? 1f : 0f);
    float eLo = e * LN2_LO;
    x = kept + x;

    float z = x * x;
    float y = LOG_P[0];
    for (int k = 1; k < LOG_P.length; k++) {
      y = Math.fma(x, y, LOG_P[k]); // Horner, each step one vfmadd
    }
    y = x * y;
    y = Math.fma(y, z, eLo); // y·z + e·LN2_LO: the product e·LN2_LO was rounded on its own
    y = Math.fma(-z, 0.5f, y); // y - z/2, one vfnmadd
    x = x + y;
    x = Math.fma(e, LN2_HI, x);
    return invalid ? Float.intBitsToFloat(-1) : x; // the vector code ORs an all-ones mask: a NaN
  }

  /** {@code sincos256_ps}, one lane: writes {@code sin(v)} to {@code out[0]} and {@code cos(v)} to {@code out[1]}. */
  static void sincos(float v, float[] out) {
    int vBits = Float.floatToRawIntBits(v);
    int signSin = vBits & SIGN;
    float x = Float.intBitsToFloat(vBits & ~SIGN);

    float scaled = x * FOUR_OVER_PI;
    int j = scaled < 0x1p31f ? (int) scaled : Integer.MIN_VALUE; // vcvttps2dq: truncate, overflow is MIN_VALUE
    j = (j + 1) & ~1; // the octant, rounded up to even
    float octant = (float) j;
    signSin ^= (j & 4) << 29;
    int signCos = (~(j - 2) & 4) << 29;
    boolean sinPolynomialForSin = (j & 2) == 0;

    x = Math.fma(octant, MINUS_DP1, x); // x - j·π/4 in three exact-ish steps
    x = Math.fma(octant, MINUS_DP2, x);
    x = Math.fma(octant, MINUS_DP3, x);

    float z = x * x;
    float yc = Math.fma(z, COS_P0, COS_P1); // cos(x) ≈ 1 - z/2 + z²·C(z)
    yc = Math.fma(z, yc, COS_P2);
    float halfZ = z * 0.5f;
    yc = z * yc;
    yc = Math.fma(yc, z, -halfZ);
    float ys = Math.fma(z, SIN_P0, SIN_P1); // sin(x) ≈ x + x·z·S(z)
    ys = Math.fma(z, ys, SIN_P2);
    yc = yc + 1f;
    ys = z * ys;
    ys = Math.fma(ys, x, x);

    // Each output takes one polynomial and the other output the other one, selected by masks and then
    // recombined with a subtraction and an addition, which the vector code also does (keeps -0/+0 alike).
    float sinPart = sinPolynomialForSin ? ys : 0f;
    float cosPart = sinPolynomialForSin ? 0f : yc;
    ys = ys - sinPart;
    yc = yc - cosPart;
    float sin = sinPart + cosPart;
    float cos = ys + yc;
    out[0] = Float.intBitsToFloat(Float.floatToRawIntBits(sin) ^ signSin);
    out[1] = Float.intBitsToFloat(Float.floatToRawIntBits(cos) ^ signCos);
  }
}
