package chainrule;

/**
 * PyTorch 1.13's CPU generator (MT19937 seeded like torch.manual_seed) and the draws nn.Linear makes from it.
 *
 * <p>Why: a network initialised from {@code new TorchGenerator(777)} starts from bit-identical parameters to
 * {@code torch.manual_seed(777); nn.Linear(...)} on a CPU with AVX2, so training traces can be compared step by step.
 * Not thread-safe; one generator is one stream of draws.
 */
public final class TorchGenerator {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index; // next word of mt to temper; N means "twist first"

  /** == torch.manual_seed(seed): MT19937 seeded with seed & 0xffffffff (torch keeps only the low 32 bits). */
  public TorchGenerator(long seed) {
    mt[0] = (int) seed;
    // Knuth's initialiser: mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >>> 30)) + i  (mod 2^32, int overflow does it)
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** Next raw 32-bit MT19937 output (tempered), as a Java int (unsigned bits: use Integer.toUnsignedLong). */
  public int nextInt() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** Regenerates all 624 words in place: mt[i] = mt[i+M] ^ (y >>> 1) ^ (y odd ? MATRIX_A : 0), y = upper(mt[i]) | lower(mt[i+1]). */
  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    index = 0;
  }

  /**
   * Tensor.uniform_(from, to) on float32, as torch 1.13's AVX2 kernel computes it: ONE 32-bit output per element,
   * x = (float)(u &amp; 0xFFFFFF) * 2^-24, r = Math.fma(x, to_f - from_f, from_f) with from_f=(float)from, to_f=(float)to.
   *
   * <p>x is exact (24 bits fit a float mantissa); the FMA rounds once, as GCC contracts torch's {@code x * range + from}
   * when the kernel is built with -mfma. Torch's scalar "default" kernel rounds twice and can differ by 1 ulp.
   */
  public void uniform(float[] dst, int offset, int count, double from, double to) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    checkRange(dst, offset, count, "values");
    // Same checks as torch's uniform_: from <= to (false for NaN too) and a range that fits a float.
    if (!(from <= to)) {
      throw new IllegalArgumentException("from must be <= to, was from=" + from + " to=" + to);
    }
    float fromF = (float) from;
    float range = (float) to - fromF;
    if (!Float.isFinite(fromF) || !Float.isFinite(range)) {
      throw new IllegalArgumentException(
          "to - from must be finite in float, was from=" + from + " to=" + to + " (range " + range + ")");
    }
    for (int i = 0; i < count; i++) {
      float x = (float) (nextInt() & 0xFFFFFF) * 0x1p-24f;
      dst[offset + i] = Math.fma(x, range, fromF);
    }
  }

  /**
   * nn.Linear(in, out).reset_parameters(): weight (out × in, row-major) at dst[offset ..], then bias (out) right after it.
   * weight bound = sqrt(3) * (sqrt(2 / (1 + a*a)) / sqrt(in)) with a = sqrt(5), computed in double in exactly that order;
   * bias bound = 1 / sqrt(in).
   *
   * <p>The weight formula is kaiming_uniform_(a = sqrt(5)); the evaluation order is torch/nn/init.py's, since a
   * different order can change the last bit of the bound and with it every drawn weight.
   */
  public void initLinear(float[] dst, int offset, int in, int out) {
    if (in <= 0) {
      throw new IllegalArgumentException("in must be > 0, was " + in);
    }
    if (out <= 0) {
      throw new IllegalArgumentException("out must be > 0, was " + out);
    }
    long weights = (long) in * out;
    checkRange(dst, offset, weights + out, "parameters");
    double a = Math.sqrt(5.0);
    double gain = Math.sqrt(2.0 / (1 + a * a));
    double weightBound = Math.sqrt(3.0) * (gain / Math.sqrt(in));
    double biasBound = 1 / Math.sqrt(in);
    uniform(dst, offset, (int) weights, -weightBound, weightBound);
    uniform(dst, offset + (int) weights, out, -biasBound, biasBound);
  }

  /** Throws unless dst[offset .. offset + n) exists; long arithmetic so offset + n cannot overflow. */
  private static void checkRange(float[] dst, int offset, long n, String what) {
    if (dst == null) {
      throw new IllegalArgumentException("dst must not be null");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (offset + n > dst.length) {
      throw new IllegalArgumentException("dst has " + dst.length + " floats but offset " + offset + " + " + n
          + " " + what + " need " + (offset + n));
    }
  }
}
