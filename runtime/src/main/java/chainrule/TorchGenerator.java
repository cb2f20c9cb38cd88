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
    reseed(seed);
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

  /**
   * Next 64 bits, as torch's {@code CPUGeneratorImpl::random64()}: two 32-bit outputs, the first one high,
   * {@code (first << 32) | second}.
   */
  public long random64() {
    long high = Integer.toUnsignedLong(nextInt());
    return high << 32 | Integer.toUnsignedLong(nextInt());
  }

  /**
   * {@code torch.empty((), dtype=torch.int64).random_()}: {@code random64() % 2^63}, a value in
   * {@code [0, 2^63)}. A {@code DataLoader} draws one of these for its iterator's base seed at the start of
   * every epoch and, with {@code shuffle=True}, a second one that seeds the generator of its sampler.
   */
  public long randomInt64() {
    return random64() & Long.MAX_VALUE;
  }

  /**
   * Re-initialises this generator in place, exactly as {@code new TorchGenerator(seed)} would
   * ({@code generator.manual_seed(seed)}; only {@code seed & 0xffffffff} matters). Lets a caller reuse one
   * generator where PyTorch makes a fresh one, without allocating.
   */
  public void reseed(long seed) {
    mt[0] = (int) seed;
    // Knuth's initialiser: mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >>> 30)) + i  (mod 2^32, int overflow does it)
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /**
   * {@code torch.randperm(n, generator=this)} on the CPU, written into {@code dst[0 .. n)}: the identity,
   * then for {@code i = 0 .. n-2}: {@code z = random32 % (n - i)}, swap {@code dst[i]} and {@code dst[i + z]}
   * (torch 1.13's {@code randperm_cpu}: one 32-bit output per swap, {@code n - 1} outputs in all, none for
   * {@code n <= 1}). Checked against torch for n up to 2^24 + 5.
   */
  public void randperm(int[] dst, int n) {
    if (dst == null) {
      throw new IllegalArgumentException("dst must not be null");
    }
    if (n < 0 || n > dst.length) {
      throw new IllegalArgumentException("n must be in [0, dst.length = " + dst.length + "], was " + n);
    }
    for (int i = 0; i < n; i++) {
      dst[i] = i;
    }
    for (int i = 0; i < n - 1; i++) {
      int z = (int) (Integer.toUnsignedLong(nextInt()) % (n - i));
      int swap = dst[i];
      dst[i] = dst[i + z];
      dst[i + z] = swap;
    }
  }

  /** Words of {@link #state} / {@link #setState}: the 624 words of MT19937, then the position in them. */
  public static final int STATE_WORDS = N + 1;

  /**
   * Copies this generator's whole state into {@code dst[0 .. STATE_WORDS)}, so that {@link #setState} can
   * continue the stream exactly from here (a training backup stores it).
   */
  public void state(int[] dst) {
    if (dst == null || dst.length < STATE_WORDS) {
      throw new IllegalArgumentException("dst must hold " + STATE_WORDS + " ints, was "
          + (dst == null ? "null" : dst.length + " ints"));
    }
    System.arraycopy(mt, 0, dst, 0, N);
    dst[N] = index;
  }

  /** Continues the stream from a state taken by {@link #state}; the position must be in {@code [0, 624]}. */
  public void setState(int[] src) {
    if (src == null || src.length < STATE_WORDS) {
      throw new IllegalArgumentException("state must hold " + STATE_WORDS + " ints, was "
          + (src == null ? "null" : src.length + " ints"));
    }
    if (src[N] < 0 || src[N] > N) {
      throw new IllegalArgumentException("state[" + N + "] (the position) must be in [0, " + N + "], was " + src[N]);
    }
    System.arraycopy(src, 0, mt, 0, N);
    index = src[N];
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
