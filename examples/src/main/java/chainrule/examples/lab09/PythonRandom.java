package chainrule.examples.lab09;

/**
 * The few calls of CPython's {@code random} module the lab-09 notebooks make, bit for bit: {@code random.seed(n)}
 * for an int {@code n} and {@code random.randint(a, b)}. The notebooks pick their final {@code Label:} /
 * {@code Prediction:} sample with {@code random.randint(0, len(mnist_test) - 1)} after {@code random.seed(777)}
 * ({@code 111} in lab-09_2), so reproducing it prints the same test image's label.
 *
 * <p>CPython ({@code Modules/_randommodule.c}, {@code Lib/random.py}): MT19937 seeded by {@code init_by_array}
 * with the 32-bit words of {@code |n|}, least significant first; {@code randint(a, b) = a + _randbelow(b - a + 1)}
 * and {@code _randbelow(m)} draws {@code k = m.bit_length()} bits, {@code getrandbits(k) = genrand_uint32() >>> (32 - k)}
 * for {@code k ≤ 32}, again and again until the value is below {@code m}.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int index;

  /** {@code random.seed(seed)} for a Python int. */
  public PythonRandom(long seed) {
    long magnitude = Math.abs(seed); // CPython seeds with abs(n); Long.MIN_VALUE is not a notebook's seed
    if (magnitude < 0) {
      throw new IllegalArgumentException("seed must be > Long.MIN_VALUE, was " + seed);
    }
    int high = (int) (magnitude >>> 32);
    int[] key = high == 0 ? new int[] {(int) magnitude} : new int[] {(int) magnitude, high};
    initByArray(key);
  }

  /** {@code random.randint(a, b)}: uniform in {@code [a, b]}, {@code b - a < 2^31}. */
  public int randint(int a, int b) {
    long width = (long) b - a + 1;
    if (width <= 0 || width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("randint needs a <= b and b - a < 2^31, was a = " + a + ", b = " + b);
    }
    return a + randbelow((int) width);
  }

  /** {@code _randbelow_with_getrandbits(m)}: rejection sampling on {@code m.bit_length()} bits. */
  private int randbelow(int m) {
    int k = 32 - Integer.numberOfLeadingZeros(m);
    int r = getrandbits(k);
    while (r >= m) {
      r = getrandbits(k);
    }
    return r;
  }

  /** {@code getrandbits(k)} for {@code 1 ≤ k ≤ 31}: the top {@code k} bits of one output. */
  private int getrandbits(int k) {
    return nextInt() >>> (32 - k);
  }

  /** {@code init_genrand(s)}: the MT19937 reference seeding. */
  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** {@code init_by_array(key)}: the MT19937 reference seeding by an array of words, as CPython seeds. */
  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000; // the most significant bit set: a non-zero initial state
  }

  /** {@code genrand_uint32()}: the next tempered MT19937 output. */
  private int nextInt() {
    if (index >= N) {
      for (int k = 0; k < N; k++) {
        int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }
}
