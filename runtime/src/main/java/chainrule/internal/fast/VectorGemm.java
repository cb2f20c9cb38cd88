package chainrule.internal.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s fast path on the Vector API ({@code jdk.incubator.vector}), used only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}; without it this class is never loaded. It computes a
 * {@link Product} {@code C = A·B} in panels of {@link #NR} columns with a register-tiled micro-kernel: each
 * lane is one element of C, its sum taken in k order with one lane-wise {@code fma} a term (which is
 * {@link Math#fma}), so every element equals {@link GemmReference}'s fused sum bit for bit.
 *
 * <p>Blocking: k runs in blocks of {@link #KC}; for each block, a panel of B ({@code KC × NR}, packed
 * contiguous) is reused by every 6-row tile of A from L1/L2, and C's tile stays in registers for the whole
 * block. Tuned on AVX-512 (16 lanes: 6 × 64 tiles, 24 of the 32 vector registers).
 */
final class VectorGemm {
  private VectorGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows of a tile. */
  static final int MR = 6;
  /** Columns of a tile and of a panel: four vectors. */
  static final int NR = 4 * L;
  /** Depth of a block of k. */
  private static final int KC = 256;
  /**
   * Rows of A packed at a time ({@link #packA}), whole tiles: 512 rows in one block ({@code large}),
   * {@code MC × KC} floats (528 kB) that stay in L2 while every panel of B passes them.
   */
  private static final int MC = 86 * MR;
  /**
   * Columns from which A is packed: a float of A packed costs as much as ~25 multiply-adds, and it serves
   * one per column, so packing pays from ~512 columns on ({@code large}: 6% a step faster; {@code medium},
   * 256 columns: 8% slower).
   */
  static final int PACK_A_COLUMNS = 512;
  /**
   * The scratch buffer: a packed panel of B; then a packed block of A (or {@link #edgeTile}'s padded rows of
   * A); then an edge tile of C.
   */
  private static final int PACKED_A = KC * NR;
  private static final int EDGE_C = PACKED_A + MC * KC;
  /** Where {@link #narrow}'s transposed result starts: after the edge tile. */
  private static final int NARROW = EDGE_C + MR * NR;
  /** Columns {@link #narrow} takes, the most: the fewest that {@link Gemm} does not give to it. */
  static final int NARROW_COLUMNS = 15;
  /** Rows of C {@link #narrow} computes at a time, as many columns of its transposed result. */
  private static final int NARROW_ROWS = 2048;

  /** Whether vectors are wide enough to pay (8 lanes or more) and the buffers fit in {@code scratch} floats. */
  static boolean usable(int scratch) {
    return L >= 8 && NARROW + NARROW_COLUMNS * NARROW_ROWS <= scratch;
  }

  /**
   * Rows {@code i0..i1} and columns {@code j0..j1} of {@code p}'s C, in panels of {@link #NR} columns (the last
   * one possibly narrower); {@code scratch} holds at least {@link Gemm#PANEL_FLOATS} floats. With
   * {@link #PACK_A_COLUMNS} columns or more, A is packed first ({@link #packA}), else read in place.
   */
  static void product(Product p, int i0, int i1, int j0, int j1, float[] scratch) {
    if (j1 - j0 >= PACK_A_COLUMNS) {
      productPacked(p, i0, i1, j0, j1, scratch);
    } else {
      productInPlace(p, i0, i1, j0, j1, scratch);
    }
  }

  /** {@link #product} with A read in place, {@link #kernel6} on its rows. */
  private static void productInPlace(Product p, int i0, int i1, int j0, int j1, float[] scratch) {
    float[] c = p.c;
    float[] a = p.a;
    float[] b = p.b;
    int co = p.co;
    int ars = p.aRow;
    int aks = p.aK;
    int bks = p.bK;
    int bjs = p.bCol;
    int n = p.n;
    int k = p.k;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      boolean first = pc == 0;
      boolean epilogue = pc + kc == k && p.hasEpilogue();
      for (int j = j0; j < j1; j += NR) {
        int cols = Math.min(NR, j1 - j);
        pack(scratch, b, p.bo + pc * bks + j * bjs, bks, bjs, kc, cols);
        int ai = p.ao + pc * aks;
        int i = i0;
        if (cols == NR) {
          for (; i + MR <= i1; i += MR) {
            kernel6(c, co + i * n + j, n, a, ai + i * ars, ars, aks, scratch, kc, first);
            if (epilogue) {
              epilogue(p, i, j, MR, NR);
            }
          }
        }
        for (; i < i1; i += MR) { // a narrow panel, or the last rows < MR
          int rows = Math.min(MR, i1 - i);
          edgeTile(c, co + i * n + j, n, rows, cols, a, ai + i * ars, ars, aks, kc, first, scratch);
          if (epilogue) {
            epilogue(p, i, j, rows, cols);
          }
        }
      }
    }
  }

  /**
   * {@link #product} with A packed: for each block of k, a block of A's rows is packed once (tiles of
   * {@link #MR} rows, k-major), then every panel of B; {@link #kernel6Packed} reads both in order.
   */
  private static void productPacked(Product p, int i0, int i1, int j0, int j1, float[] scratch) {
    float[] c = p.c;
    float[] b = p.b;
    int co = p.co;
    int bks = p.bK;
    int bjs = p.bCol;
    int n = p.n;
    int k = p.k;
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      boolean first = pc == 0;
      boolean epilogue = pc + kc == k && p.hasEpilogue();
      for (int ic = i0; ic < i1; ic += MC) {
        int mc = Math.min(MC, i1 - ic);
        packA(scratch, p, ic, mc, pc, kc);
        for (int j = j0; j < j1; j += NR) {
          int cols = Math.min(NR, j1 - j);
          pack(scratch, b, p.bo + pc * bks + j * bjs, bks, bjs, kc, cols);
          for (int i = ic, at = PACKED_A; i < ic + mc; i += MR, at += MR * kc) {
            int rows = Math.min(MR, ic + mc - i);
            int ci = co + i * n + j;
            if (rows == MR && cols == NR) {
              kernel6Packed(c, ci, n, scratch, at, kc, first);
            } else {
              edgeTilePacked(c, ci, n, rows, cols, scratch, at, kc, first);
            }
            if (epilogue) {
              epilogue(p, i, j, rows, cols);
            }
          }
        }
      }
    }
  }

  /**
   * {@code scratch[PACKED_A + t·MR·kc + q·MR + r] = A(ic + t·MR + r, pc + q)} for the {@code mc} rows from
   * {@code ic}, in tiles of {@link #MR} rows, the last one padded with rows of 0: the micro-kernel's six
   * values of A for one k are then adjacent ({@link #kernel6Packed}). Packing costs ~0.25 ns a float, once
   * per block for all the panels of B.
   */
  private static void packA(float[] scratch, Product p, int ic, int mc, int pc, int kc) {
    float[] a = p.a;
    int ars = p.aRow;
    int aks = p.aK;
    for (int t = 0; t * MR < mc; t++) {
      int dst = PACKED_A + t * MR * kc;
      int rows = Math.min(MR, mc - t * MR);
      int src = p.ao + (ic + t * MR) * ars + pc * aks;
      if (rows == MR && aks == 1) { // rows of A contiguous along k: x in forward, dout in dx
        int a0 = src;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        int a4 = a3 + ars;
        int a5 = a4 + ars;
        for (int q = 0; q < kc; q++) {
          int d = dst + q * MR;
          scratch[d] = a[a0 + q];
          scratch[d + 1] = a[a1 + q];
          scratch[d + 2] = a[a2 + q];
          scratch[d + 3] = a[a3 + q];
          scratch[d + 4] = a[a4 + q];
          scratch[d + 5] = a[a5 + q];
        }
      } else if (rows == MR && ars == 1) { // columns of A contiguous: doutᵀ in dW
        for (int q = 0; q < kc; q++) {
          int d = dst + q * MR;
          int from = src + q * aks;
          scratch[d] = a[from];
          scratch[d + 1] = a[from + 1];
          scratch[d + 2] = a[from + 2];
          scratch[d + 3] = a[from + 3];
          scratch[d + 4] = a[from + 4];
          scratch[d + 5] = a[from + 5];
        }
      } else {
        for (int q = 0; q < kc; q++) {
          for (int r = 0; r < MR; r++) {
            scratch[dst + q * MR + r] = r < rows ? a[src + r * ars + q * aks] : 0f;
          }
        }
      }
    }
  }

  /**
   * Rows {@code i0..i1} and the few columns {@code j0..j1} (at most {@link #NARROW_COLUMNS}) of {@code p}'s C,
   * computed as {@code Cᵀ = Bᵀ·Aᵀ} by {@link #product} into {@code scratch}, then written to C through the
   * epilogue: C's columns become rows of tiles, its rows the lanes, so that a layer with ten outputs (or
   * one) fills the micro-kernel instead of running scalar dot products (~4 multiply-adds a ns). Each element
   * is the same sum in the same order ({@code fma(a, b, s) == fma(b, a, s)}), then {@code + bias}.
   * {@code t} is a Product of this thread's to describe the transposed one; it is cleared after.
   */
  static void narrow(Product p, int i0, int i1, int j0, int j1, Product t, float[] scratch) {
    int cols = j1 - j0;
    if (cols > NARROW_COLUMNS) {
      throw new IllegalArgumentException("narrow takes at most " + NARROW_COLUMNS + " columns, was " + cols);
    }
    float[] c = p.c;
    try {
      for (int ib = i0; ib < i1; ib += NARROW_ROWS) {
        int rows = Math.min(NARROW_ROWS, i1 - ib);
        t.c = scratch; // Cᵀ (cols × rows), row-major at scratch[NARROW]
        t.co = NARROW;
        t.m = cols;
        t.n = rows;
        t.k = p.k;
        t.a = p.b; // Aᵀ's rows are B's columns: A'(j, q) = B(q, j0 + j)
        t.ao = p.bo + j0 * p.bCol;
        t.aRow = p.bCol;
        t.aK = p.bK;
        t.b = p.a; // B'(q, i) = A(ib + i, q)
        t.bo = p.ao + ib * p.aRow;
        t.bK = p.aK;
        t.bCol = p.aRow;
        t.bias = null;
        t.relu = false;
        t.gate = null;
        product(t, 0, cols, 0, rows, scratch);
        for (int i = 0; i < rows; i++) {
          int ci = p.co + (ib + i) * p.n + j0;
          for (int j = 0; j < cols; j++) {
            c[ci + j] = p.epilogue(scratch[NARROW + j * rows + i], ib + i, j0 + j);
          }
        }
      }
    } finally {
      t.clear();
    }
  }

  /**
   * The micro-kernel: a 6 × {@link #NR} tile of C held in 24 vector registers while k runs, so that each
   * step loads 4 vectors of B and 6 values of A for 24 vector multiply-adds. {@code first}: the tile
   * starts at 0, else at C's values. Laid out as the tile: row i of C (at {@code c[ri]}) in accumulators
   * {@code ci0..ci3}. Vectors never leave this method (C2 would have to allocate them) and are made only
   * by the Vector API's own calls, which C2 inlines whatever the method's size.
   */
  private static void kernel6(float[] c, int ci, int ldc, float[] a, int ai, int ars, int aks, float[] b, int kc,
      boolean first) {
    int r0 = ci;
    int r1 = r0 + ldc;
    int r2 = r1 + ldc;
    int r3 = r2 + ldc;
    int r4 = r3 + ldc;
    int r5 = r4 + ldc;
    FloatVector c00, c01, c02, c03;
    FloatVector c10, c11, c12, c13;
    FloatVector c20, c21, c22, c23;
    FloatVector c30, c31, c32, c33;
    FloatVector c40, c41, c42, c43;
    FloatVector c50, c51, c52, c53;
    if (first) {
      FloatVector zero = FloatVector.zero(S);
      c00 = c01 = c02 = c03 = zero;
      c10 = c11 = c12 = c13 = zero;
      c20 = c21 = c22 = c23 = zero;
      c30 = c31 = c32 = c33 = zero;
      c40 = c41 = c42 = c43 = zero;
      c50 = c51 = c52 = c53 = zero;
    } else {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
      c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
      c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
      c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
      c40 = FloatVector.fromArray(S, c, r4);
      c41 = FloatVector.fromArray(S, c, r4 + L);
      c42 = FloatVector.fromArray(S, c, r4 + 2 * L);
      c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
      c50 = FloatVector.fromArray(S, c, r5);
      c51 = FloatVector.fromArray(S, c, r5 + L);
      c52 = FloatVector.fromArray(S, c, r5 + 2 * L);
      c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
    }
    for (int p = 0; p < kc; p++) {
      int bk = p * NR;
      int ak = ai + p * aks;
      FloatVector b0 = FloatVector.fromArray(S, b, bk);
      FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
      FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
      FloatVector x;
      x = FloatVector.broadcast(S, a[ak]);
      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[ak + ars]);
      c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
      x = FloatVector.broadcast(S, a[ak + 2 * ars]);
      c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, a[ak + 3 * ars]);
      c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, a[ak + 4 * ars]);
      c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, a[ak + 5 * ars]);
      c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
    }
    c00.intoArray(c, r0); c01.intoArray(c, r0 + L); c02.intoArray(c, r0 + 2 * L); c03.intoArray(c, r0 + 3 * L);
    c10.intoArray(c, r1); c11.intoArray(c, r1 + L); c12.intoArray(c, r1 + 2 * L); c13.intoArray(c, r1 + 3 * L);
    c20.intoArray(c, r2); c21.intoArray(c, r2 + L); c22.intoArray(c, r2 + 2 * L); c23.intoArray(c, r2 + 3 * L);
    c30.intoArray(c, r3); c31.intoArray(c, r3 + L); c32.intoArray(c, r3 + 2 * L); c33.intoArray(c, r3 + 3 * L);
    c40.intoArray(c, r4); c41.intoArray(c, r4 + L); c42.intoArray(c, r4 + 2 * L); c43.intoArray(c, r4 + 3 * L);
    c50.intoArray(c, r5); c51.intoArray(c, r5 + L); c52.intoArray(c, r5 + 2 * L); c53.intoArray(c, r5 + 3 * L);
  }

  /**
   * {@link #kernel6} on packed A: the same tile and the same sums, but the panel of B is at
   * {@code packed[0]} and the tile's six values of A for one k are adjacent, at {@code packed[ai + q·MR]}
   * ({@link #pack}, {@link #packA}), so that C2 addresses them at constant offsets: 250 GFLOP/s on one core
   * against 190 for the six strided reads of {@link #kernel6} (AMD Zen 5, all in cache; in {@code large}'s
   * step, 6% less time a step). Vectors never leave this method, as in {@link #kernel6}.
   */
  private static void kernel6Packed(float[] c, int ci, int ldc, float[] packed, int ai, int kc, boolean first) {
    int r0 = ci;
    int r1 = r0 + ldc;
    int r2 = r1 + ldc;
    int r3 = r2 + ldc;
    int r4 = r3 + ldc;
    int r5 = r4 + ldc;
    FloatVector c00, c01, c02, c03;
    FloatVector c10, c11, c12, c13;
    FloatVector c20, c21, c22, c23;
    FloatVector c30, c31, c32, c33;
    FloatVector c40, c41, c42, c43;
    FloatVector c50, c51, c52, c53;
    if (first) {
      FloatVector zero = FloatVector.zero(S);
      c00 = c01 = c02 = c03 = zero;
      c10 = c11 = c12 = c13 = zero;
      c20 = c21 = c22 = c23 = zero;
      c30 = c31 = c32 = c33 = zero;
      c40 = c41 = c42 = c43 = zero;
      c50 = c51 = c52 = c53 = zero;
    } else {
      c00 = FloatVector.fromArray(S, c, r0);
      c01 = FloatVector.fromArray(S, c, r0 + L);
      c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
      c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
      c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
      c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
      c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
      c40 = FloatVector.fromArray(S, c, r4);
      c41 = FloatVector.fromArray(S, c, r4 + L);
      c42 = FloatVector.fromArray(S, c, r4 + 2 * L);
      c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
      c50 = FloatVector.fromArray(S, c, r5);
      c51 = FloatVector.fromArray(S, c, r5 + L);
      c52 = FloatVector.fromArray(S, c, r5 + 2 * L);
      c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
    }
    for (int p = 0; p < kc; p++) {
      int bk = p * NR;
      int ak = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, packed, bk);
      FloatVector b1 = FloatVector.fromArray(S, packed, bk + L);
      FloatVector b2 = FloatVector.fromArray(S, packed, bk + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, packed, bk + 3 * L);
      FloatVector x;
      x = FloatVector.broadcast(S, packed[ak]);
      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, packed[ak + 1]);
      c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
      x = FloatVector.broadcast(S, packed[ak + 2]);
      c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, packed[ak + 3]);
      c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, packed[ak + 4]);
      c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, packed[ak + 5]);
      c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
    }
    c00.intoArray(c, r0); c01.intoArray(c, r0 + L); c02.intoArray(c, r0 + 2 * L); c03.intoArray(c, r0 + 3 * L);
    c10.intoArray(c, r1); c11.intoArray(c, r1 + L); c12.intoArray(c, r1 + 2 * L); c13.intoArray(c, r1 + 3 * L);
    c20.intoArray(c, r2); c21.intoArray(c, r2 + L); c22.intoArray(c, r2 + 2 * L); c23.intoArray(c, r2 + 3 * L);
    c30.intoArray(c, r3); c31.intoArray(c, r3 + L); c32.intoArray(c, r3 + 2 * L); c33.intoArray(c, r3 + 3 * L);
    c40.intoArray(c, r4); c41.intoArray(c, r4 + L); c42.intoArray(c, r4 + 2 * L); c43.intoArray(c, r4 + 3 * L);
    c50.intoArray(c, r5); c51.intoArray(c, r5 + L); c52.intoArray(c, r5 + 2 * L); c53.intoArray(c, r5 + 3 * L);
  }

  /**
   * {@code dst[p·NR + j] = B(p, j)} for {@code p < kc, j < cols}, {@code B(p, j) = b[src + p·bks + j·bjs]}, and 0
   * for {@code cols <= j < NR}: a panel of B made contiguous, so that the micro-kernel reads it from L1/L2 in
   * order (B's own rows are a page apart in a large layer, which the TLB and the prefetcher handle badly:
   * packing gains ~10%).
   */
  private static void pack(float[] dst, float[] b, int src, int bks, int bjs, int kc, int cols) {
    if (bjs == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, src + p * bks, dst, p * NR, cols);
      }
    } else if (bks == 1) {
      packTransposed(dst, b, src, bjs, kc, cols);
    } else {
      for (int j = 0; j < cols; j++) {
        for (int p = 0; p < kc; p++) {
          dst[p * NR + j] = b[src + j * bjs + p * bks];
        }
      }
    }
    if (cols < NR) {
      for (int p = 0; p < kc; p++) {
        Arrays.fill(dst, p * NR + cols, (p + 1) * NR, 0f);
      }
    }
  }

  /**
   * {@link #pack} of a B whose columns are contiguous ({@code B = Wᵀ}: the forward pass, and the rows of A in
   * {@link #narrow}), a transposition: with 16 lanes, blocks of 16 × 16 floats go through the registers
   * ({@link #transpose16}), 0.18 ns a float against 0.29–0.37 for the scalar loops ({@code mnist-nn}'s first
   * layer, 784 × 256, in L2: the pack was 71 of its forward product's 263 µs); the rest of the panel, and all
   * of it with other widths, by {@link #packTransposedScalar}.
   */
  private static void packTransposed(float[] dst, float[] b, int src, int bjs, int kc, int cols) {
    if (L != TRANSPOSED_LANES) {
      packTransposedScalar(dst, b, src, bjs, 0, kc, 0, cols);
      return;
    }
    int kv = kc & -TRANSPOSED_LANES;
    int cv = cols & -TRANSPOSED_LANES;
    for (int j = 0; j < cv; j += TRANSPOSED_LANES) {
      for (int p = 0; p < kv; p += TRANSPOSED_LANES) {
        transpose16(dst, p * NR + j, b, src + j * bjs + p, bjs);
      }
    }
    if (kv < kc) {
      packTransposedScalar(dst, b, src, bjs, kv, kc, 0, cv);
    }
    if (cv < cols) {
      packTransposedScalar(dst, b, src, bjs, 0, kc, cv, cols);
    }
  }

  /** Lanes {@link #transpose16} needs: AVX-512's 16 floats. */
  private static final int TRANSPOSED_LANES = 16;
  /** {@link #transpose16}'s stages, null unless vectors have 16 lanes: lane {@code i} takes lane {@code i ^ s}. */
  private static final VectorShuffle<Float> SWAP1 = L == TRANSPOSED_LANES ? swap(1) : null;
  private static final VectorShuffle<Float> SWAP2 = L == TRANSPOSED_LANES ? swap(2) : null;
  private static final VectorShuffle<Float> SWAP4 = L == TRANSPOSED_LANES ? swap(4) : null;
  private static final VectorShuffle<Float> SWAP8 = L == TRANSPOSED_LANES ? swap(8) : null;
  /** The lanes {@code i} with bit {@code s} set, a stage's second half. */
  private static final VectorMask<Float> HIGH1 = L == TRANSPOSED_LANES ? high(1) : null;
  private static final VectorMask<Float> HIGH2 = L == TRANSPOSED_LANES ? high(2) : null;
  private static final VectorMask<Float> HIGH4 = L == TRANSPOSED_LANES ? high(4) : null;
  private static final VectorMask<Float> HIGH8 = L == TRANSPOSED_LANES ? high(8) : null;

  private static VectorShuffle<Float> swap(int s) {
    int[] lanes = new int[L];
    for (int i = 0; i < L; i++) {
      lanes[i] = i ^ s;
    }
    return VectorShuffle.fromArray(S, lanes, 0);
  }

  private static VectorMask<Float> high(int s) {
    boolean[] lanes = new boolean[L];
    for (int i = 0; i < L; i++) {
      lanes[i] = (i & s) != 0;
    }
    return VectorMask.fromArray(S, lanes, 0);
  }

  /**
   * {@code dst[d + p·NR + j] = b[s + j·bjs + p]} for {@code p, j < 16}: 16 rows of 16 floats loaded, transposed
   * in four stages, stored as 16 rows of the panel. Stage {@code s} swaps, within each pair of rows {@code r}
   * and {@code r + s} ({@code r & s == 0}), the upper {@code s}-lane half of each {@code 2s}-lane group of row
   * {@code r} with the lower half of row {@code r + s}'s; after {@code s = 1, 2, 4, 8}, row {@code c} holds
   * column {@code c}. Vectors never leave this method (see {@link #kernel6}).
   */
  private static void transpose16(float[] dst, int d, float[] b, int s, int bjs) {
    FloatVector v0 = FloatVector.fromArray(S, b, s);
    FloatVector v1 = FloatVector.fromArray(S, b, s + bjs);
    FloatVector v2 = FloatVector.fromArray(S, b, s + 2 * bjs);
    FloatVector v3 = FloatVector.fromArray(S, b, s + 3 * bjs);
    FloatVector v4 = FloatVector.fromArray(S, b, s + 4 * bjs);
    FloatVector v5 = FloatVector.fromArray(S, b, s + 5 * bjs);
    FloatVector v6 = FloatVector.fromArray(S, b, s + 6 * bjs);
    FloatVector v7 = FloatVector.fromArray(S, b, s + 7 * bjs);
    FloatVector v8 = FloatVector.fromArray(S, b, s + 8 * bjs);
    FloatVector v9 = FloatVector.fromArray(S, b, s + 9 * bjs);
    FloatVector v10 = FloatVector.fromArray(S, b, s + 10 * bjs);
    FloatVector v11 = FloatVector.fromArray(S, b, s + 11 * bjs);
    FloatVector v12 = FloatVector.fromArray(S, b, s + 12 * bjs);
    FloatVector v13 = FloatVector.fromArray(S, b, s + 13 * bjs);
    FloatVector v14 = FloatVector.fromArray(S, b, s + 14 * bjs);
    FloatVector v15 = FloatVector.fromArray(S, b, s + 15 * bjs);
    FloatVector t;
    // each line: the pair (x, y) becomes (x's low halves with y's low halves, x's high halves with y's high halves)
    t = v0.blend(v1.rearrange(SWAP1), HIGH1); v1 = v0.rearrange(SWAP1).blend(v1, HIGH1); v0 = t;
    t = v2.blend(v3.rearrange(SWAP1), HIGH1); v3 = v2.rearrange(SWAP1).blend(v3, HIGH1); v2 = t;
    t = v4.blend(v5.rearrange(SWAP1), HIGH1); v5 = v4.rearrange(SWAP1).blend(v5, HIGH1); v4 = t;
    t = v6.blend(v7.rearrange(SWAP1), HIGH1); v7 = v6.rearrange(SWAP1).blend(v7, HIGH1); v6 = t;
    t = v8.blend(v9.rearrange(SWAP1), HIGH1); v9 = v8.rearrange(SWAP1).blend(v9, HIGH1); v8 = t;
    t = v10.blend(v11.rearrange(SWAP1), HIGH1); v11 = v10.rearrange(SWAP1).blend(v11, HIGH1); v10 = t;
    t = v12.blend(v13.rearrange(SWAP1), HIGH1); v13 = v12.rearrange(SWAP1).blend(v13, HIGH1); v12 = t;
    t = v14.blend(v15.rearrange(SWAP1), HIGH1); v15 = v14.rearrange(SWAP1).blend(v15, HIGH1); v14 = t;

    t = v0.blend(v2.rearrange(SWAP2), HIGH2); v2 = v0.rearrange(SWAP2).blend(v2, HIGH2); v0 = t;
    t = v1.blend(v3.rearrange(SWAP2), HIGH2); v3 = v1.rearrange(SWAP2).blend(v3, HIGH2); v1 = t;
    t = v4.blend(v6.rearrange(SWAP2), HIGH2); v6 = v4.rearrange(SWAP2).blend(v6, HIGH2); v4 = t;
    t = v5.blend(v7.rearrange(SWAP2), HIGH2); v7 = v5.rearrange(SWAP2).blend(v7, HIGH2); v5 = t;
    t = v8.blend(v10.rearrange(SWAP2), HIGH2); v10 = v8.rearrange(SWAP2).blend(v10, HIGH2); v8 = t;
    t = v9.blend(v11.rearrange(SWAP2), HIGH2); v11 = v9.rearrange(SWAP2).blend(v11, HIGH2); v9 = t;
    t = v12.blend(v14.rearrange(SWAP2), HIGH2); v14 = v12.rearrange(SWAP2).blend(v14, HIGH2); v12 = t;
    t = v13.blend(v15.rearrange(SWAP2), HIGH2); v15 = v13.rearrange(SWAP2).blend(v15, HIGH2); v13 = t;

    t = v0.blend(v4.rearrange(SWAP4), HIGH4); v4 = v0.rearrange(SWAP4).blend(v4, HIGH4); v0 = t;
    t = v1.blend(v5.rearrange(SWAP4), HIGH4); v5 = v1.rearrange(SWAP4).blend(v5, HIGH4); v1 = t;
    t = v2.blend(v6.rearrange(SWAP4), HIGH4); v6 = v2.rearrange(SWAP4).blend(v6, HIGH4); v2 = t;
    t = v3.blend(v7.rearrange(SWAP4), HIGH4); v7 = v3.rearrange(SWAP4).blend(v7, HIGH4); v3 = t;
    t = v8.blend(v12.rearrange(SWAP4), HIGH4); v12 = v8.rearrange(SWAP4).blend(v12, HIGH4); v8 = t;
    t = v9.blend(v13.rearrange(SWAP4), HIGH4); v13 = v9.rearrange(SWAP4).blend(v13, HIGH4); v9 = t;
    t = v10.blend(v14.rearrange(SWAP4), HIGH4); v14 = v10.rearrange(SWAP4).blend(v14, HIGH4); v10 = t;
    t = v11.blend(v15.rearrange(SWAP4), HIGH4); v15 = v11.rearrange(SWAP4).blend(v15, HIGH4); v11 = t;

    t = v0.blend(v8.rearrange(SWAP8), HIGH8); v8 = v0.rearrange(SWAP8).blend(v8, HIGH8); v0 = t;
    t = v1.blend(v9.rearrange(SWAP8), HIGH8); v9 = v1.rearrange(SWAP8).blend(v9, HIGH8); v1 = t;
    t = v2.blend(v10.rearrange(SWAP8), HIGH8); v10 = v2.rearrange(SWAP8).blend(v10, HIGH8); v2 = t;
    t = v3.blend(v11.rearrange(SWAP8), HIGH8); v11 = v3.rearrange(SWAP8).blend(v11, HIGH8); v3 = t;
    t = v4.blend(v12.rearrange(SWAP8), HIGH8); v12 = v4.rearrange(SWAP8).blend(v12, HIGH8); v4 = t;
    t = v5.blend(v13.rearrange(SWAP8), HIGH8); v13 = v5.rearrange(SWAP8).blend(v13, HIGH8); v5 = t;
    t = v6.blend(v14.rearrange(SWAP8), HIGH8); v14 = v6.rearrange(SWAP8).blend(v14, HIGH8); v6 = t;
    t = v7.blend(v15.rearrange(SWAP8), HIGH8); v15 = v7.rearrange(SWAP8).blend(v15, HIGH8); v7 = t;

    v0.intoArray(dst, d);
    v1.intoArray(dst, d + NR);
    v2.intoArray(dst, d + 2 * NR);
    v3.intoArray(dst, d + 3 * NR);
    v4.intoArray(dst, d + 4 * NR);
    v5.intoArray(dst, d + 5 * NR);
    v6.intoArray(dst, d + 6 * NR);
    v7.intoArray(dst, d + 7 * NR);
    v8.intoArray(dst, d + 8 * NR);
    v9.intoArray(dst, d + 9 * NR);
    v10.intoArray(dst, d + 10 * NR);
    v11.intoArray(dst, d + 11 * NR);
    v12.intoArray(dst, d + 12 * NR);
    v13.intoArray(dst, d + 13 * NR);
    v14.intoArray(dst, d + 14 * NR);
    v15.intoArray(dst, d + 15 * NR);
  }

  /**
   * {@code dst[p·NR + j] = b[src + j·bjs + p]} for {@code p0 <= p < p1}, {@code j0 <= j < j1}: eight columns of
   * B a pass, each read in order, so that each row of the panel gets eight floats a pass instead of one, and
   * eight reads from memory are under way at once (one column a pass took 0.56 ns a float, eight 0.27 with W
   * in cache; sixteen were slower in {@code large}'s step; a gather, 16 columns an instruction, 0.45).
   */
  private static void packTransposedScalar(float[] dst, float[] b, int src, int bjs, int p0, int p1, int j0,
      int j1) {
    int j = j0;
    for (; j + 8 <= j1; j += 8) {
      int b0 = src + j * bjs;
      int b1 = b0 + bjs;
      int b2 = b1 + bjs;
      int b3 = b2 + bjs;
      int b4 = b3 + bjs;
      int b5 = b4 + bjs;
      int b6 = b5 + bjs;
      int b7 = b6 + bjs;
      for (int p = p0; p < p1; p++) {
        int d = p * NR + j;
        dst[d] = b[b0 + p];
        dst[d + 1] = b[b1 + p];
        dst[d + 2] = b[b2 + p];
        dst[d + 3] = b[b3 + p];
        dst[d + 4] = b[b4 + p];
        dst[d + 5] = b[b5 + p];
        dst[d + 6] = b[b6 + p];
        dst[d + 7] = b[b7 + p];
      }
    }
    for (; j < j1; j++) {
      int from = src + j * bjs;
      for (int p = p0; p < p1; p++) {
        dst[p * NR + j] = b[from + p];
      }
    }
  }

  /**
   * {@link #kernel6} for a panel of at most {@link #L} columns (a layer's last, narrow panel): a 6 × L tile in six
   * registers, one vector of B and six values of A for six multiply-adds a step, instead of the 6 × {@link #NR}
   * tile, three quarters of it padding. Each lane is its own element of C, summed in k order as in kernel6.
   */
  private static void kernel6x1(float[] c, int ci, int ldc, float[] a, int ai, int ars, int aks, float[] b, int kc,
      boolean first) {
    FloatVector c0, c1, c2, c3, c4, c5;
    if (first) {
      c0 = c1 = c2 = c3 = c4 = c5 = FloatVector.zero(S);
    } else {
      c0 = FloatVector.fromArray(S, c, ci);
      c1 = FloatVector.fromArray(S, c, ci + ldc);
      c2 = FloatVector.fromArray(S, c, ci + 2 * ldc);
      c3 = FloatVector.fromArray(S, c, ci + 3 * ldc);
      c4 = FloatVector.fromArray(S, c, ci + 4 * ldc);
      c5 = FloatVector.fromArray(S, c, ci + 5 * ldc);
    }
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, b, p * NR);
      int ak = ai + p * aks;
      c0 = FloatVector.broadcast(S, a[ak]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, a[ak + ars]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, a[ak + 2 * ars]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, a[ak + 3 * ars]).fma(b0, c3);
      c4 = FloatVector.broadcast(S, a[ak + 4 * ars]).fma(b0, c4);
      c5 = FloatVector.broadcast(S, a[ak + 5 * ars]).fma(b0, c5);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + ldc);
    c2.intoArray(c, ci + 2 * ldc);
    c3.intoArray(c, ci + 3 * ldc);
    c4.intoArray(c, ci + 4 * ldc);
    c5.intoArray(c, ci + 5 * ldc);
  }

  /** {@link #kernel6x1} with A packed ({@link #packA}): its six values for one k adjacent, as {@link #kernel6Packed}. */
  private static void kernel6x1Packed(float[] c, int ci, int ldc, float[] packed, int ai, int kc, boolean first) {
    kernel6x1(c, ci, ldc, packed, ai, 1, MR, packed, kc, first);
  }

  /**
   * A tile of {@code rows <= MR} rows and {@code cols <= NR} columns (one of them smaller), through
   * {@link #kernel6} ({@link #kernel6x1} for at most {@link #L} columns) on a zero-padded copy of its rows of A
   * (if fewer than MR) and a copy of its part of C, both in {@code scratch} after the packed panel; then copied
   * back. Each lane is its own element, summed as in a whole tile, so the padding changes no float of the
   * result. The narrow kernel runs rarely; the warm-up's products have it compiled before the products switch
   * to vectors (the Vector API run by the interpreter is some thousand times slower than compiled).
   */
  private static void edgeTile(float[] c, int ci, int ldc, int rows, int cols, float[] a, int ai, int ars,
      int aks, int kc, boolean first, float[] scratch) {
    int pa = PACKED_A; // A: MR rows of kc, row-major
    int tile = EDGE_C; // C: MR rows of NR
    if (rows < MR) {
      for (int r = 0; r < MR; r++) {
        for (int p = 0; p < kc; p++) {
          scratch[pa + r * kc + p] = r < rows ? a[ai + r * ars + p * aks] : 0f;
        }
      }
      a = scratch;
      ai = pa;
      ars = kc;
      aks = 1;
    }
    if (!first) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(c, ci + r * ldc, scratch, tile + r * NR, cols);
      }
    }
    if (cols <= L) {
      kernel6x1(scratch, tile, NR, a, ai, ars, aks, scratch, kc, first);
    } else {
      kernel6(scratch, tile, NR, a, ai, ars, aks, scratch, kc, first);
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(scratch, tile + r * NR, c, ci + r * ldc, cols);
    }
  }

  /**
   * A tile of {@code rows <= MR} rows and {@code cols <= NR} columns (one of them smaller), through
   * {@link #kernel6Packed} ({@link #kernel6x1Packed} for at most {@link #L} columns) on a copy of its part of C in
   * {@code scratch}, then copied back; its rows of A are already padded with 0 ({@link #packA}), its panel of B
   * with 0 ({@link #pack}). Each lane is its own element, summed as in a whole tile, so the padding changes no
   * float of the result. The narrow kernel runs rarely (once a panel row in mnist-nn's dW1, 784 = 12·64 + 16
   * columns): the warm-up's products have it compiled before the products switch to vectors.
   */
  private static void edgeTilePacked(float[] c, int ci, int ldc, int rows, int cols, float[] scratch, int ai, int kc,
      boolean first) {
    if (!first) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(c, ci + r * ldc, scratch, EDGE_C + r * NR, cols);
      }
    }
    if (cols <= L) {
      kernel6x1Packed(scratch, EDGE_C, NR, scratch, ai, kc, first);
    } else {
      kernel6Packed(scratch, EDGE_C, NR, scratch, ai, kc, first);
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(scratch, EDGE_C + r * NR, c, ci + r * ldc, cols);
    }
  }

  /**
   * {@link Product#epilogue} on vectors, for {@code rows} rows from {@code i0} and {@code cols} columns from
   * {@code j0} of {@code p}'s C as they leave {@link #kernel6}: {@code + bias(j)}, then {@code l > 0 ? l : 0} if
   * it has ReLU (0 for NaN and for -0, as the scalar kernels do), then {@code gate(i, j) > 0 ? C : 0} if it has a
   * gate.
   */
  private static void epilogue(Product p, int i0, int j0, int rows, int cols) {
    float[] c = p.c;
    int n = p.n;
    float[] bias = p.bias;
    int bo = p.biasOffset + j0;
    boolean relu = p.relu;
    float[] gate = p.gate;
    FloatVector zero = FloatVector.zero(S);
    for (int r = 0; r < rows; r++) {
      int ci = p.co + (i0 + r) * n + j0;
      int gi = (i0 + r) * n + j0;
      int j = 0;
      for (; j + L <= cols; j += L) {
        FloatVector l = FloatVector.fromArray(S, c, ci + j);
        if (bias != null) {
          l = l.add(FloatVector.fromArray(S, bias, bo + j));
        }
        if (relu) {
          l = zero.blend(l, l.compare(VectorOperators.GT, 0f));
        }
        if (gate != null) {
          l = zero.blend(l, FloatVector.fromArray(S, gate, gi + j).compare(VectorOperators.GT, 0f));
        }
        l.intoArray(c, ci + j);
      }
      for (; j < cols; j++) {
        c[ci + j] = p.epilogue(c[ci + j], i0 + r, j0 + j);
      }
    }
  }
}
