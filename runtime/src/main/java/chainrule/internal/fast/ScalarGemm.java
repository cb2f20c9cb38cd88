package chainrule.internal.fast;

import java.util.Arrays;

/**
 * {@link Gemm}'s path without the Vector API: blocked loops that C2 vectorises itself (SuperWord). For each
 * block of {@link #NB} columns and {@link #KC} values of k, the block of B is copied row by row into arrays of
 * its own, then the rows of C are computed four at a time, each pass over the block taking two values of k:
 * <pre>
 *   C[i+r][j] = fma(A(i+r, q+1), B(q+1, j), fma(A(i+r, q), B(q, j), C[i+r][j]))     r = 0..3, j along the block
 * </pre>
 * so that each load of B feeds four rows, and each load and store of C carries two terms. Each element still
 * takes its terms one at a time in k order, so it equals {@link GemmReference}'s fused sum bit for bit. Rows
 * left over from fours go one at a time, four values of k a pass; an odd block's last term is then added to
 * the rows done four at a time, one row at a time. Once a block of columns has all its terms, {@link #finish}
 * adds the bias and applies ReLU, or the gate, selecting through a bit mask.
 *
 * <p>Why these loop shapes: JDK 17's C2 vectorises a loop only if it can order its loads and stores. It can
 * when every access is {@code array[j]} or {@code array[j + constant]}, which is why four rows of C are worked
 * on in one buffer of their own ({@code acc[j + r·NB]}) and each row of B is an array of its own; it cannot
 * for variable offsets into arrays that may be the same ({@code c[ci + j]} against {@code b[bi + j]}), and
 * then runs the loop one float at a time, 4× slower. Measured on large's products (AMD EPYC, AVX-512,
 * best of 30): four rows × two terms ~90 GFLOP/s; one row × four terms (the previous path) ~40; four rows ×
 * four terms, or two × four, are not vectorised by C2 17 at all (~15).
 */
final class ScalarGemm {
  private ScalarGemm() {}

  /** Columns of a block: four rows of it ({@code 4 × NB} floats) stay in L1 while k runs. */
  static final int NB = 256;
  /** Depth of a block of B: {@code KC × NB} floats of packed B stay in L2. */
  static final int KC = 256;

  /** What a thread keeps for this path, made once: a block of B a row an array, and four rows of C. */
  static final class Buffers {
    final float[][] rows = new float[KC][NB];
    /** Rows {@code i..i+3} of C's block, row r from {@code r·NB}. */
    final float[] acc = new float[4 * NB];
  }

  /**
   * Rows {@code i0..i1}, columns {@code j0..j1} of {@code p}'s C, then its epilogue ({@link #finish}).
   *
   * <p>Why the choices are made here and not in the loops this calls: a fresh JVM runs its first steps on this
   * path (while {@link VectorWarmup} runs, or for good without the Vector API), and C2 compiles these loops
   * during the first forward products. A branch that C2 has never seen taken becomes a trap in its code; the
   * first product to take it (a backward one: no bias, B read along its rows, a single term of k) sent the
   * loops back to the interpreter and C1 until C2 had compiled them again, and large's first step took ~80 ms
   * longer. So the loops take no branch that a forward product does not take both ways: the epilogue is a
   * pass of its own over each finished block of columns, B is packed by one of two methods, and an odd k's
   * last term is added row by row. These choices are made here and in {@link #finish}, once a block or a row,
   * outside the loops, where a trap costs little. (The one branch left inside them, {@link #load}'s, is taken
   * both ways by any product with k over one block or an odd k; a network whose first products have neither
   * pays for it once.)
   */
  static void product(Product p, int i0, int i1, int j0, int j1, Buffers buffers) {
    int k = p.k;
    for (int jb = j0; jb < j1; jb += NB) {
      int nb = Math.min(NB, j1 - jb);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        if (p.bCol == 1) {
          copyRows(buffers.rows, p, pc, jb, kc, nb);
        } else {
          gatherRows(buffers.rows, p, pc, jb, kc, nb);
        }
        int pairs = kc & ~1;
        int fours = pairs == 0 ? i0 : i0 + (i1 - i0 & ~3); // rows i0..fours go four at a time
        for (int i = i0; i < fours; i += 4) {
          fourRows(p, i, jb, nb, pc, pairs, pc == 0, buffers);
        }
        for (int i = i0; i < fours && pairs < kc; i++) {
          oneRow(p, i, jb, nb, pc, pairs, kc, false, buffers); // an odd k's last term
        }
        for (int i = fours; i < i1; i++) {
          oneRow(p, i, jb, nb, pc, 0, kc, pc == 0, buffers);
        }
      }
      finish(p, i0, i1, jb, nb);
    }
  }

  /** Rows {@code i..i+3}, columns {@code jb..jb+nb} of C: terms {@code pc..pc+pairs} of k, two a pass. */
  private static void fourRows(Product p, int i, int jb, int nb, int pc, int pairs, boolean first, Buffers buffers) {
    float[][] rows = buffers.rows;
    float[] acc = buffers.acc;
    float[] c = p.c;
    float[] a = p.a;
    int n = p.n;
    int ars = p.aRow;
    int aks = p.aK;
    int ci = p.co + i * n + jb;
    for (int r = 0; r < 4; r++) {
      load(acc, r * NB, c, ci + r * n, nb, first);
    }
    int a0 = p.ao + i * ars + pc * aks;
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    for (int q = 0; q < pairs; q += 2) {
      int o = q * aks;
      int o1 = o + aks;
      fma4x2(acc, rows[q], rows[q + 1], a[a0 + o], a[a0 + o1], a[a1 + o], a[a1 + o1], a[a2 + o], a[a2 + o1],
          a[a3 + o], a[a3 + o1], nb);
    }
    for (int r = 0; r < 4; r++) {
      System.arraycopy(acc, r * NB, c, ci + r * n, nb);
    }
  }

  /** Row {@code i} alone: terms {@code pc+q0..pc+q1} of k ({@code rows[q0..q1]}), four a pass. */
  private static void oneRow(Product p, int i, int jb, int nb, int pc, int q0, int q1, boolean first, Buffers buffers) {
    float[][] rows = buffers.rows;
    float[] acc = buffers.acc;
    float[] a = p.a;
    int aks = p.aK;
    int ci = p.co + i * p.n + jb;
    load(acc, 0, p.c, ci, nb, first);
    int ai = p.ao + i * p.aRow + pc * aks;
    int q = q0;
    for (; q + 4 <= q1; q += 4) {
      int aik = ai + q * aks;
      fma1x4(acc, a[aik], a[aik + aks], a[aik + 2 * aks], a[aik + 3 * aks], rows[q], rows[q + 1], rows[q + 2],
          rows[q + 3], nb);
    }
    for (; q < q1; q++) {
      fma1x1(acc, a[ai + q * aks], rows[q], nb);
    }
    System.arraycopy(acc, 0, p.c, ci, nb);
  }

  /** Four rows, two terms: {@code acc[j + r·NB] = fma(ar1, b1[j], fma(ar0, b0[j], acc[j + r·NB]))}. */
  private static void fma4x2(float[] acc, float[] b0, float[] b1, float a00, float a01, float a10, float a11,
      float a20, float a21, float a30, float a31, int nb) {
    for (int j = 0; j < nb; j++) {
      float x0 = b0[j];
      float x1 = b1[j];
      acc[j] = Math.fma(a01, x1, Math.fma(a00, x0, acc[j]));
      acc[j + NB] = Math.fma(a11, x1, Math.fma(a10, x0, acc[j + NB]));
      acc[j + 2 * NB] = Math.fma(a21, x1, Math.fma(a20, x0, acc[j + 2 * NB]));
      acc[j + 3 * NB] = Math.fma(a31, x1, Math.fma(a30, x0, acc[j + 3 * NB]));
    }
  }

  /** One row, four terms: {@code acc[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], acc[j]))))}. */
  private static void fma1x4(float[] acc, float a0, float a1, float a2, float a3, float[] b0, float[] b1, float[] b2,
      float[] b3, int nb) {
    for (int j = 0; j < nb; j++) {
      acc[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j]))));
    }
  }

  private static void fma1x1(float[] acc, float a0, float[] b0, int nb) {
    for (int j = 0; j < nb; j++) {
      acc[j] = Math.fma(a0, b0[j], acc[j]);
    }
  }

  /**
   * {@code acc[at ..]}: zeros if {@code first} (no term of these rows yet), else the row of C so far. Keep the
   * copy behind this branch. With C zeroed before the first block and copied in unconditionally, C2 17 compiled
   * fourRows with its multiply-adds at 14 GFLOP/s instead of 60 (large's forward product); with a copy loop
   * instead of the arraycopy, large's step was ~7% slower than this.
   */
  private static void load(float[] acc, int at, float[] c, int ci, int nb, boolean first) {
    if (first) {
      Arrays.fill(acc, at, at + nb, 0f);
    } else {
      System.arraycopy(c, ci, acc, at, nb);
    }
  }

  /**
   * The epilogue of rows {@code i0..i1}, columns {@code jb..jb+nb} of C, just written, once their sums are
   * complete: {@code + bias}, then {@code l > 0 ? l : 0} if ReLU (0 for NaN and -0, as the scalar kernels), then
   * the gate {@code gate(i, j) > 0 ? C(i, j) : 0}, as {@link Product#epilogue}. ReLU comes with a bias: only
   * {@link Product#linear} asks for it.
   */
  private static void finish(Product p, int i0, int i1, int jb, int nb) {
    float[] c = p.c;
    int n = p.n;
    for (int i = i0; i < i1; i++) {
      int ci = p.co + i * n + jb;
      if (p.relu) {
        addBiasRelu(c, ci, p.bias, p.biasOffset + jb, nb);
      } else if (p.bias != null) {
        addBias(c, ci, p.bias, p.biasOffset + jb, nb);
      }
      if (p.gate != null) {
        gate(c, ci, p.gate, i * n + jb, nb);
      }
    }
  }

  /** {@code c[ci + j] = max(c[ci + j] + bias[b + j], 0)} as {@code l > 0 ? l : 0}, {@code j < nb}, without a branch. */
  private static void addBiasRelu(float[] c, int ci, float[] bias, int b, int nb) {
    for (int j = 0; j < nb; j++) {
      int l = Float.floatToRawIntBits(c[ci + j] + bias[b + j]);
      c[ci + j] = Float.intBitsToFloat(l & positive(l));
    }
  }

  /** {@code c[ci + j] += bias[b + j]}, {@code j < nb}. */
  private static void addBias(float[] c, int ci, float[] bias, int b, int nb) {
    for (int j = 0; j < nb; j++) {
      c[ci + j] += bias[b + j];
    }
  }

  /** {@code c[ci + j] = gate[g + j] > 0 ? c[ci + j] : 0}, {@code j < nb}, without a branch. */
  private static void gate(float[] c, int ci, float[] gate, int g, int nb) {
    for (int j = 0; j < nb; j++) {
      int keep = positive(Float.floatToRawIntBits(gate[g + j]));
      c[ci + j] = Float.intBitsToFloat(Float.floatToRawIntBits(c[ci + j]) & keep);
    }
  }

  /**
   * All ones if the float with these bits is {@code > 0} (bits 1 to {@code 0x7F800000}: positive, up to +∞),
   * else 0 (±0, negatives, NaN). As ints, {@code -bits} is negative for bits 1 to {@code 0x80000000}, and
   * {@code bits - 0x7F800001} for bits from {@code 0xFF800001} (a negative NaN) round through 0 to
   * {@code 0x7F800000}; both are, and so is their {@code &}, only for 1 to {@code 0x7F800000}. Package-private
   * for its test over all 2³² floats. ReLU and its gate select with it: their {@code > 0} is true for about
   * half of the elements, at random, and as a branch it was mispredicted so often that the gate's pass took
   * ~0.4 ms of medium's 2.3 ms step.
   */
  static int positive(int bits) {
    return (-bits & (bits - 0x7F800001)) >> 31;
  }

  /** {@code rows[q][j] = B(pc + q, j0 + j)} for {@code q < kc, j < nb}, B's rows contiguous ({@code bCol == 1}). */
  private static void copyRows(float[][] rows, Product p, int pc, int j0, int kc, int nb) {
    int src = p.bo + pc * p.bK + j0;
    for (int q = 0; q < kc; q++) {
      System.arraycopy(p.b, src + q * p.bK, rows[q], 0, nb);
    }
  }

  /** {@code rows[q][j] = B(pc + q, j0 + j)} for {@code q < kc, j < nb}, along B's columns (contiguous if B = Wᵀ). */
  private static void gatherRows(float[][] rows, Product p, int pc, int j0, int kc, int nb) {
    float[] b = p.b;
    int bks = p.bK;
    int bjs = p.bCol;
    int src = p.bo + pc * bks + j0 * bjs;
    for (int j = 0; j < nb; j++) { // along B's contiguous k
      int from = src + j * bjs;
      for (int q = 0; q < kc; q++) {
        rows[q][j] = b[from + q * bks];
      }
    }
  }
}
