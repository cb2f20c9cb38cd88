package chainrule.internal.fast;

import chainrule.internal.Workers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three matrix products a Linear layer needs, fast: {@code x·Wᵀ + b} (forward), {@code doutᵀ·x} (weight
 * gradient) and {@code dout·W} (input gradient), each described by a {@link Product}. {@link Fast} sends here
 * the layers of at least {@link Fast#SMALL} multiply-adds; smaller ones never get here.
 *
 * <p>Every path computes each output element exactly as {@link GemmReference} does with fused terms: a sum in
 * index order, from 0, one {@code Math.fma(a, b, acc)} a term, then {@code + bias}. The paths differ only in
 * which elements they compute together and in what order they visit memory, so results are the same, bit for
 * bit, whatever the path, the blocking, the vector width or the number of threads. The paths:
 * <ul>
 *   <li>fewer than 16 output columns: {@link VectorGemm#narrow} (C computed transposed) if this Gemm was
 *       made with {@code vector} and C has at least 16 rows and 4 columns, else {@link #dot}, eight
 *       independent dot products at a time so that the multiply-adds overlap instead of waiting on each other;
 *   <li>otherwise, by {@link VectorGemm}'s register-tiled micro-kernel if this Gemm was made with
 *       {@code vector} (Fast decides) and C has at least {@link VectorGemm#MR} rows, else by {@link #axpy},
 *       cache-blocked loops that C2 vectorises.
 * </ul>
 * A product large enough is split between the threads of a {@link Workers} group, which runs a {@link Job}
 * and knows nothing else of it.
 */
final class Gemm {
  /**
   * Multiply-adds each thread must get for a product to be split (~15 µs of work): handing out a part costs
   * a few µs while the helpers spin between products (see {@link Workers}).
   */
  static final long PER_THREAD = 1 << 21;
  /** Chunks a split product has for each thread, taken in turn ({@link #part}). */
  private static final int CHUNKS = 4;
  /** Column blocks of {@link #axpy}: a row segment of C stays in L1 while its k loop runs. */
  private static final int NB = 256;
  /** Depth of a block of B: {@code KC × NB} floats of packed B stay in L2. */
  private static final int KC = 256;
  /** Floats in a thread's buffer for {@link VectorGemm}: packed blocks of A and B, an edge tile (720 kB). */
  static final int PANEL_FLOATS = 180 * 1024;
  private static final ThreadLocal<Local> LOCAL = ThreadLocal.withInitial(Local::new);

  /**
   * What each thread keeps, made the first time it needs it, so that a step allocates nothing: the Product it
   * describes and the Job it hands out when it calls, its buffers for packed blocks of B when it computes.
   */
  static final class Local {
    final Product product = new Product();
    /** {@link VectorGemm#narrow}'s transposed product. */
    final Product transposed = new Product();
    final Job job = new Job();
    final float[] panel = new float[PANEL_FLOATS];
    final float[][] rows = new float[KC][NB];
    final float[] acc = new float[NB];
  }

  /** Whether whole panels of columns go to {@link VectorGemm}. */
  private final boolean vector;
  /** Columns a part of a split takes at a time: a micro-kernel's panel, or a block of {@link #axpy}. */
  private final int panel;

  /** {@code vector}: use {@link VectorGemm}, which needs the Vector API ({@link Fast} checks that it is there). */
  Gemm(boolean vector) {
    this.vector = vector;
    this.panel = vector ? VectorGemm.NR : NB;
  }

  /** {@code out (rows × outs) = x (rows × ins)·Wᵀ + b}, then {@code max(·, 0)} if {@code relu}. */
  void linear(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs, boolean relu,
      Workers workers) {
    run(LOCAL.get().product.linear(out, x, params, w, b, rows, ins, outs, relu), workers);
  }

  /** {@code dW (outs × ins) = doutᵀ·x}, written to {@code grads[w ..]}. */
  void weightGradient(float[] grads, int w, float[] dout, float[] x, int rows, int ins, int outs, Workers workers) {
    run(LOCAL.get().product.weightGradient(grads, w, dout, x, rows, ins, outs), workers);
  }

  /** {@code dx (rows × ins) = dout·W}. */
  void inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs, Workers workers) {
    run(LOCAL.get().product.inputGradient(dx, dout, params, w, rows, ins, outs), workers);
  }

  /**
   * {@code db[o] = Σ_r dout[r][o]} in row order, as {@link GemmReference#biasGradient}; the loop runs along
   * rows of {@code dout} so that C2 vectorises it.
   */
  static void biasGradient(float[] grads, int b, float[] dout, int rows, int outs) {
    Arrays.fill(grads, b, b + outs, 0f);
    for (int r = 0; r < rows; r++) {
      int row = r * outs;
      for (int o = 0; o < outs; o++) {
        grads[b + o] += dout[row + o];
      }
    }
  }

  /** Computes {@code p} on {@code workers}, split between its threads if large enough; then clears {@code p}. */
  void run(Product p, Workers workers) {
    int parts = (int) Math.min(workers.threads(), Math.max(1, (long) p.m * p.n * p.k / PER_THREAD));
    try {
      if (parts == 1) {
        compute(p, 0, p.m, 0, p.n);
      } else {
        Job job = LOCAL.get().job;
        job.gemm = this;
        job.product = p;
        job.next.set(0);
        workers.run(job, parts);
      }
    } finally {
      p.clear(); // the job keeps p, which now keeps no array alive
    }
  }

  /**
   * One thread's share of {@code p}, split {@code parts} ways: chunks of whole column panels when there are at
   * least two panels a part, else of rows (whole blocks of the micro-kernel's rows), {@link #CHUNKS} a part
   * (fewer if that keeps chunks wide enough for {@link VectorGemm} to pack A); each thread takes the next
   * chunk from {@code next} until none is left. So a thread that the system slows down (another process on
   * its core, a late wake-up) takes fewer chunks instead of holding the others up at the end of the product.
   * Every element is computed by exactly one chunk, with the same arithmetic as on one thread, whichever
   * thread takes it.
   */
  void part(Product p, AtomicInteger next, int parts) {
    int panels = p.n / panel;
    boolean byColumns = p.n >= 16 && panels >= 2 * parts;
    int units = byColumns ? panels : (p.m + VectorGemm.MR - 1) / VectorGemm.MR;
    int chunks = Math.min(units, CHUNKS * parts);
    int packing = p.n / VectorGemm.PACK_A_COLUMNS; // chunks wide enough for VectorGemm to pack A
    if (vector && byColumns && packing >= parts) {
      chunks = Math.min(chunks, packing); // large: halves of 512 columns, A packed (7% faster than in place)
    }
    for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
      int u0 = (int) ((long) units * chunk / chunks);
      int u1 = (int) ((long) units * (chunk + 1) / chunks);
      if (byColumns) {
        compute(p, 0, p.m, u0 * panel, chunk == chunks - 1 ? p.n : u1 * panel);
      } else {
        compute(p, Math.min(p.m, u0 * VectorGemm.MR), Math.min(p.m, u1 * VectorGemm.MR), 0, p.n);
      }
    }
  }

  /** Rows {@code i0..i1} and columns {@code j0..j1} of {@code p}'s C, on this thread. */
  void compute(Product p, int i0, int i1, int j0, int j1) {
    if (j1 - j0 <= VectorGemm.NARROW_COLUMNS) {
      // the rows become the lanes of a transposed product, whose packing of A costs as much as a dot product
      // on ~3 columns (0.25 ns a float against ~4 multiply-adds a ns)
      if (vector && i1 - i0 >= 16 && j1 - j0 >= 4) {
        Local local = LOCAL.get();
        VectorGemm.narrow(p, i0, i1, j0, j1, local.transposed, local.panel);
      } else {
        dot(p, i0, i1, j0, j1);
      }
      return;
    }
    // fewer rows than a tile (a layer with one output, say, whose dW has one row) waste the micro-kernel;
    // else it takes every column, a last narrow panel too (padded, still ~5× faster than axpy)
    int panels = vector && i1 - i0 >= VectorGemm.MR ? j1 : j0;
    Local local = LOCAL.get();
    if (panels > j0) {
      VectorGemm.product(p, i0, i1, j0, panels, local.panel);
    }
    if (panels < j1) {
      axpy(p, i0, i1, panels, j1, local);
    }
  }

  /**
   * Few columns: eight rows at a time, each element a dot product over k. The eight sums are independent, so
   * their multiply-adds overlap in the pipeline; one sum alone would wait ~4 cycles on each of its terms.
   */
  static void dot(Product p, int i0, int i1, int j0, int j1) {
    float[] c = p.c;
    float[] a = p.a;
    float[] b = p.b;
    float[] bias = p.bias;
    int co = p.co;
    int ao = p.ao;
    int ars = p.aRow;
    int aks = p.aK;
    int bo = p.bo;
    int bks = p.bK;
    int bjs = p.bCol;
    int n = p.n;
    int k = p.k;
    int bi = p.biasOffset;
    boolean relu = p.relu;
    for (int j = j0; j < j1; j++) {
      int bj = bo + j * bjs;
      int i = i0;
      for (; i + 8 <= i1; i += 8) {
        int a0 = ao + i * ars;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int q = 0; q < k; q++) {
          float bkj = b[bj + q * bks];
          int ak = a0 + q * aks;
          s0 = Math.fma(a[ak], bkj, s0);
          s1 = Math.fma(a[ak + ars], bkj, s1);
          s2 = Math.fma(a[ak + 2 * ars], bkj, s2);
          s3 = Math.fma(a[ak + 3 * ars], bkj, s3);
          s4 = Math.fma(a[ak + 4 * ars], bkj, s4);
          s5 = Math.fma(a[ak + 5 * ars], bkj, s5);
          s6 = Math.fma(a[ak + 6 * ars], bkj, s6);
          s7 = Math.fma(a[ak + 7 * ars], bkj, s7);
        }
        int ci = co + i * n + j;
        c[ci] = epilogue(s0, bias, bi + j, relu);
        c[ci + n] = epilogue(s1, bias, bi + j, relu);
        c[ci + 2 * n] = epilogue(s2, bias, bi + j, relu);
        c[ci + 3 * n] = epilogue(s3, bias, bi + j, relu);
        c[ci + 4 * n] = epilogue(s4, bias, bi + j, relu);
        c[ci + 5 * n] = epilogue(s5, bias, bi + j, relu);
        c[ci + 6 * n] = epilogue(s6, bias, bi + j, relu);
        c[ci + 7 * n] = epilogue(s7, bias, bi + j, relu);
      }
      for (; i < i1; i++) {
        int ai = ao + i * ars;
        float s = 0f;
        for (int q = 0; q < k; q++) {
          s = Math.fma(a[ai + q * aks], b[bj + q * bks], s);
        }
        c[co + i * n + j] = epilogue(s, bias, bi + j, relu);
      }
    }
  }

  /** {@code sum + bias[j]}, then {@code max(·, 0)} if {@code relu}, as {@code l > 0 ? l : 0}. */
  private static float epilogue(float sum, float[] bias, int j, boolean relu) {
    float l = bias == null ? sum : sum + bias[j];
    return relu ? (l > 0f ? l : 0f) : l;
  }

  /**
   * The scalar blocked path: for each row of C and each k, {@code C[i][j..] += A(i, k)·B(k, j..)} along a
   * block of {@link #NB} columns, four values of k per pass over the block (each element still takes its
   * terms in order). The row of C is worked on in a buffer of its own and each row of B is copied into an
   * array of its own, so that every access in the inner loop is {@code array[j]}: JDK 17's C2 vectorises a
   * loop only if it can order its loads and stores, which it cannot for offsets into arrays that may be the
   * same ({@code c[ci + j]} against {@code b[bi + j]}), and then runs it one float at a time, 4× slower.
   * (Two rows of C a pass would share the loads of B, and do with {@code acc + a·b}, but C2 17 does not
   * vectorise two chains of {@code Math.fma} in one loop.)
   */
  static void axpy(Product p, int i0, int i1, int j0, int j1, Local local) {
    float[][] rows = local.rows;
    float[] acc = local.acc;
    float[] c = p.c;
    float[] a = p.a;
    int co = p.co;
    int ao = p.ao;
    int ars = p.aRow;
    int aks = p.aK;
    int n = p.n;
    int k = p.k;
    for (int jb = j0; jb < j1; jb += NB) {
      int nb = Math.min(NB, j1 - jb);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packRows(rows, p, pc, jb, kc, nb);
        boolean last = pc + kc == k;
        for (int i = i0; i < i1; i++) {
          int ci = co + i * n + jb;
          load(acc, c, ci, nb, pc == 0);
          int ai = ao + i * ars + pc * aks;
          int q = 0;
          for (; q + 4 <= kc; q += 4) {
            int aik = ai + q * aks;
            axpy4(acc, a[aik], a[aik + aks], a[aik + 2 * aks], a[aik + 3 * aks], rows[q], rows[q + 1], rows[q + 2],
                rows[q + 3], nb);
          }
          for (; q < kc; q++) {
            axpy1(acc, a[ai + q * aks], rows[q], nb);
          }
          store(acc, c, ci, nb, last, p, jb);
        }
      }
    }
  }

  private static void load(float[] acc, float[] c, int ci, int nb, boolean first) {
    if (first) {
      Arrays.fill(acc, 0, nb, 0f);
    } else {
      System.arraycopy(c, ci, acc, 0, nb);
    }
  }

  /** {@code acc} to {@code c[ci ..]}, through the epilogue of columns {@code j0 ..} after the last block of k. */
  private static void store(float[] acc, float[] c, int ci, int nb, boolean last, Product p, int j0) {
    if (last && (p.bias != null || p.relu)) {
      for (int j = 0; j < nb; j++) {
        acc[j] = epilogue(acc[j], p.bias, p.biasOffset + j0 + j, p.relu);
      }
    }
    System.arraycopy(acc, 0, c, ci, nb);
  }

  /** {@code acc[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}, one fma a term, in that order. */
  private static void axpy4(float[] acc, float a0, float a1, float a2, float a3, float[] b0, float[] b1, float[] b2,
      float[] b3, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j]))));
    }
  }

  private static void axpy1(float[] acc, float a0, float[] b0, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] = Math.fma(a0, b0[j], acc[j]);
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
      for (int j = 0; j < nb; j++) {
        int from = src + j * bjs;
        for (int q = 0; q < kc; q++) {
          rows[q][j] = b[from + q * bks];
        }
      }
    }
  }

  /**
   * A product handed to a {@link Workers} group, which runs its parts; each part calls {@link Gemm#part},
   * which takes chunks from {@link #next}. One per calling thread ({@link Local}), reused.
   */
  static final class Job implements Workers.Task {
    Gemm gemm;
    Product product;
    /** The next chunk to take ({@link #part}); 0 when a product is handed out. */
    final AtomicInteger next = new AtomicInteger();

    @Override
    public void run(int part, int parts) {
      gemm.part(product, next, parts);
    }
  }
}
