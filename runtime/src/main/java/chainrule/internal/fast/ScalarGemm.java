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
 * left over from fours go one at a time, four values of k a pass.
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

  /** Rows {@code i0..i1}, columns {@code j0..j1} of {@code p}'s C. */
  static void product(Product p, int i0, int i1, int j0, int j1, Buffers buffers) {
    int k = p.k;
    for (int jb = j0; jb < j1; jb += NB) {
      int nb = Math.min(NB, j1 - jb);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packRows(buffers.rows, p, pc, jb, kc, nb);
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
          fourRows(p, i, jb, nb, pc, kc, buffers);
        }
        for (; i < i1; i++) {
          oneRow(p, i, jb, nb, pc, kc, buffers);
        }
      }
    }
  }

  /** Rows {@code i..i+3}, columns {@code jb..jb+nb} of C: terms {@code pc..pc+kc} of k. */
  private static void fourRows(Product p, int i, int jb, int nb, int pc, int kc, Buffers buffers) {
    float[][] rows = buffers.rows;
    float[] acc = buffers.acc;
    float[] c = p.c;
    float[] a = p.a;
    int n = p.n;
    int ars = p.aRow;
    int aks = p.aK;
    int ci = p.co + i * n + jb;
    boolean first = pc == 0;
    for (int r = 0; r < 4; r++) {
      load(acc, r * NB, c, ci + r * n, nb, first);
    }
    int a0 = p.ao + i * ars + pc * aks;
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int q = 0;
    for (; q + 2 <= kc; q += 2) {
      int o = q * aks;
      int o1 = o + aks;
      fma4x2(acc, rows[q], rows[q + 1], a[a0 + o], a[a0 + o1], a[a1 + o], a[a1 + o1], a[a2 + o], a[a2 + o1],
          a[a3 + o], a[a3 + o1], nb);
    }
    if (q < kc) {
      int o = q * aks;
      fma4x1(acc, rows[q], a[a0 + o], a[a1 + o], a[a2 + o], a[a3 + o], nb);
    }
    boolean last = pc + kc == p.k;
    for (int r = 0; r < 4; r++) {
      store(acc, r * NB, c, ci + r * n, nb, last, p, jb);
    }
  }

  /** Row {@code i} alone (rows left over from fours): terms {@code pc..pc+kc}, four a pass. */
  private static void oneRow(Product p, int i, int jb, int nb, int pc, int kc, Buffers buffers) {
    float[][] rows = buffers.rows;
    float[] acc = buffers.acc;
    float[] a = p.a;
    int aks = p.aK;
    int ci = p.co + i * p.n + jb;
    load(acc, 0, p.c, ci, nb, pc == 0);
    int ai = p.ao + i * p.aRow + pc * aks;
    int q = 0;
    for (; q + 4 <= kc; q += 4) {
      int aik = ai + q * aks;
      fma1x4(acc, a[aik], a[aik + aks], a[aik + 2 * aks], a[aik + 3 * aks], rows[q], rows[q + 1], rows[q + 2],
          rows[q + 3], nb);
    }
    for (; q < kc; q++) {
      fma1x1(acc, a[ai + q * aks], rows[q], nb);
    }
    store(acc, 0, p.c, ci, nb, pc + kc == p.k, p, jb);
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

  /** Four rows, one term: the last term of an odd block of k. */
  private static void fma4x1(float[] acc, float[] b0, float a0, float a1, float a2, float a3, int nb) {
    for (int j = 0; j < nb; j++) {
      float x0 = b0[j];
      acc[j] = Math.fma(a0, x0, acc[j]);
      acc[j + NB] = Math.fma(a1, x0, acc[j + NB]);
      acc[j + 2 * NB] = Math.fma(a2, x0, acc[j + 2 * NB]);
      acc[j + 3 * NB] = Math.fma(a3, x0, acc[j + 3 * NB]);
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

  /** {@code acc[at ..]}: zeros at the first block of k, else the row of C so far. */
  private static void load(float[] acc, int at, float[] c, int ci, int nb, boolean first) {
    if (first) {
      Arrays.fill(acc, at, at + nb, 0f);
    } else {
      System.arraycopy(c, ci, acc, at, nb);
    }
  }

  /**
   * {@code acc[at ..]} to {@code c[ci ..]}, a row of C from column {@code j0}; after the last block of k,
   * through the forward epilogue: {@code + bias}, then {@code l > 0 ? l : 0} if ReLU (0 for NaN and -0, as the
   * scalar kernels). A gate is applied by {@link #gate}, once the product is done.
   */
  private static void store(float[] acc, int at, float[] c, int ci, int nb, boolean last, Product p, int j0) {
    if (last && (p.bias != null || p.relu)) {
      float[] bias = p.bias;
      int bo = p.biasOffset + j0;
      boolean relu = p.relu;
      for (int j = 0; j < nb; j++) {
        acc[at + j] = Product.forward(acc[at + j], bias, bo + j, relu);
      }
    }
    System.arraycopy(acc, at, c, ci, nb);
  }

  /**
   * {@code C(i, j) = gate(i, j) > 0 ? C(i, j) : 0} over rows {@code i0..i1} and columns {@code j0..j1}, if
   * {@code p} has a gate: a pass of its own, after the product, and not a branch in {@link #store}. This path
   * runs a fresh JVM's first steps, before C2 has seen a gated product: C2 compiles the product's loops during
   * the forward pass, and a gate first met in their epilogue would send them back to the interpreter (large's
   * first step took 40 ms longer).
   */
  static void gate(Product p, int i0, int i1, int j0, int j1) {
    float[] gate = p.gate;
    if (gate == null) {
      return;
    }
    float[] c = p.c;
    int co = p.co;
    int n = p.n;
    for (int i = i0; i < i1; i++) {
      int row = i * n;
      for (int j = j0; j < j1; j++) {
        c[co + row + j] = gate[row + j] > 0f ? c[co + row + j] : 0f;
      }
    }
  }

  /** {@code rows[q][j] = B(pc + q, j0 + j)} for {@code q < kc, j < nb}: a block of B, a row an array. */
  private static void packRows(float[][] rows, Product p, int pc, int j0, int kc, int nb) {
    float[] b = p.b;
    int bks = p.bK;
    int bjs = p.bCol;
    int src = p.bo + pc * bks + j0 * bjs;
    if (bjs == 1) {
      for (int q = 0; q < kc; q++) {
        System.arraycopy(b, src + q * bks, rows[q], 0, nb);
      }
    } else {
      for (int j = 0; j < nb; j++) { // along B's contiguous k
        int from = src + j * bjs;
        for (int q = 0; q < kc; q++) {
          rows[q][j] = b[from + q * bks];
        }
      }
    }
  }
}
