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
 *       {@code vector} (Fast decides) and C has at least {@link VectorGemm#MR} rows, else by
 *       {@link ScalarGemm}, cache-blocked loops that C2 vectorises.
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
    final ScalarGemm.Buffers scalar = new ScalarGemm.Buffers();
  }

  /** Whether whole panels of columns go to {@link VectorGemm}. */
  private final boolean vector;
  /** Columns a part of a split takes at a time: a micro-kernel's panel, or a block of {@link ScalarGemm}. */
  private final int panel;

  /** {@code vector}: use {@link VectorGemm}, which needs the Vector API ({@link Fast} checks that it is there). */
  Gemm(boolean vector) {
    this.vector = vector;
    this.panel = vector ? VectorGemm.NR : ScalarGemm.NB;
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

  /** {@code dx (rows × ins) = dout·W}, then {@code gate > 0 ? dx : 0} element by element unless {@code gate} is null. */
  void inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs, float[] gate,
      Workers workers) {
    run(LOCAL.get().product.inputGradient(dx, dout, params, w, rows, ins, outs, gate), workers);
  }

  /**
   * {@code db[o] = Σ_r dout[r][o]} in row order, as {@link GemmReference#biasGradient}: on vectors if this Gemm
   * was made with {@code vector} ({@link VectorKernels#biasGradient}), else {@link #scalarBiasGradient}.
   */
  void biasGradient(float[] grads, int b, float[] dout, int rows, int outs) {
    if (vector) {
      VectorKernels.biasGradient(grads, b, dout, rows, outs); // C2 leaves the scalar loop unvectorised
    } else {
      scalarBiasGradient(grads, b, dout, rows, outs);
    }
  }

  /** {@link #biasGradient} in plain loops, along rows of {@code dout}. */
  static void scalarBiasGradient(float[] grads, int b, float[] dout, int rows, int outs) {
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
    // else it takes every column, a last narrow panel too (in VectorGemm.kernel6x1 if it has at most 16 columns)
    int panels = vector && i1 - i0 >= VectorGemm.MR ? j1 : j0;
    Local local = LOCAL.get();
    if (panels > j0) {
      VectorGemm.product(p, i0, i1, j0, panels, local.panel);
    }
    if (panels < j1) {
      ScalarGemm.product(p, i0, i1, panels, j1, local.scalar);
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
    int co = p.co;
    int ao = p.ao;
    int ars = p.aRow;
    int aks = p.aK;
    int bo = p.bo;
    int bks = p.bK;
    int bjs = p.bCol;
    int n = p.n;
    int k = p.k;
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
        c[ci] = p.epilogue(s0, i, j);
        c[ci + n] = p.epilogue(s1, i + 1, j);
        c[ci + 2 * n] = p.epilogue(s2, i + 2, j);
        c[ci + 3 * n] = p.epilogue(s3, i + 3, j);
        c[ci + 4 * n] = p.epilogue(s4, i + 4, j);
        c[ci + 5 * n] = p.epilogue(s5, i + 5, j);
        c[ci + 6 * n] = p.epilogue(s6, i + 6, j);
        c[ci + 7 * n] = p.epilogue(s7, i + 7, j);
      }
      for (; i < i1; i++) {
        int ai = ao + i * ars;
        float s = 0f;
        for (int q = 0; q < k; q++) {
          s = Math.fma(a[ai + q * aks], b[bj + q * bks], s);
        }
        c[co + i * n + j] = p.epilogue(s, i, j);
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
