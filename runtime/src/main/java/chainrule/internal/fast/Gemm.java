package chainrule.internal.fast;

import chainrule.internal.Workers;
import java.util.Arrays;

/**
 * The three matrix products a Linear layer needs, fast: {@code x·Wᵀ + b} (forward), {@code doutᵀ·x} (weight
 * gradient) and {@code dout·W} (input gradient), with {@code W (outs × ins)} row-major at {@code params[w]}.
 *
 * <p>Every path computes each output element exactly as {@link GemmReference} does: a sum in index order,
 * from 0, one term at a time, then {@code + bias}; a term is {@code acc + a·b} below {@link #SMALL}
 * multiply-adds and {@code Math.fma(a, b, acc)} from there on. The paths differ only in which elements they
 * compute together and in what order they visit memory, so results are the same, bit for bit, whatever the
 * path, the blocking, the vector width or the number of threads. The paths, by problem size:
 * <ul>
 *   <li>fewer than {@link #SMALL} multiply-adds: plain loops ({@link GemmReference#linear} forward,
 *       {@link #smallBackward}), small enough to be inlined into the generated pass, where the sizes are
 *       constants and C2 unrolls them;
 *   <li>fewer than 16 output columns: {@link #dot}, eight independent dot products at a time so that the
 *       multiply-adds overlap instead of waiting on each other;
 *   <li>otherwise, whole panels of {@link VectorGemm#NR} columns by {@link VectorGemm}'s register-tiled
 *       micro-kernel when the Vector API is present ({@code --add-modules jdk.incubator.vector}), and the
 *       rest (all of it without the Vector API) by {@link #axpy}, cache-blocked loops that C2 vectorises.
 * </ul>
 *
 * <p>In the general form used below, {@code C (m × n)} at {@code c[co]} with row stride {@code n} is
 * {@code Σ_k A(i, k)·B(k, j)}, where {@code A(i, k) = a[ao + i·ars + k·aks]} and
 * {@code B(k, j) = b[bo + k·bks + j·bjs]}: the strides express the transposes without copying.
 */
final class Gemm {
  private Gemm() {}

  /**
   * Below this many multiply-adds the plain loops win (no blocking, packing or threads), and terms are added
   * as {@code acc + a·b}; from here on, as fused multiply-adds.
   */
  static final int SMALL = 1 << 15;
  /**
   * Multiply-adds each thread must get for a product to be split (~15 µs of work): handing out a part costs
   * a few µs while the helpers spin between products (see {@link Workers}).
   */
  static final long PER_THREAD = 1 << 21;
  /** Column blocks of {@link #axpy}: a row segment of C stays in L1 while its k loop runs. */
  private static final int NB = 256;
  /** Depth of a block of B: {@code KC × NB} floats of packed B stay in L2. */
  private static final int KC = 256;
  /** The product a caller thread hands to its workers: one at a time, reused, so a step allocates nothing. */
  private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);
  /** Each thread's buffers for packed blocks of B: allocated once, the first time a thread needs them. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A thread's buffers: {@link VectorGemm}'s panel, and {@link #axpy}'s rows of B and row of C. */
  static final class Scratch {
    final float[] panel = new float[KC * NB];
    final float[][] rows = new float[KC][NB];
    final float[] acc = new float[NB];
  }

  /**
   * True when {@link VectorGemm} runs: the JVM was started with {@code --add-modules jdk.incubator.vector}
   * and the system property {@code chainrule.vector} is not {@code false}. Otherwise its class is never
   * loaded, and nobody needs the flag.
   */
  static final boolean VECTOR = vectorAvailable();
  /** Columns {@link VectorGemm} handles at a time; whole panels go to it, the rest to {@link #axpy}. */
  private static final int PANEL = VECTOR ? VectorGemm.NR : NB;

  private static boolean vectorAvailable() {
    if ("false".equals(System.getProperty("chainrule.vector"))
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return VectorGemm.usable(KC * NB);
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** {@code out (rows × outs) = x (rows × ins)·Wᵀ + b}, then {@code max(·, 0)} if {@code relu}. */
  static void linear(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs, boolean relu,
      Workers workers) {
    if ((long) rows * ins * outs < SMALL) {
      GemmReference.linear(out, x, params, w, b, rows, ins, outs, false);
      if (relu) {
        Fast.reluScalar(out, out, rows * outs);
      }
      return;
    }
    // A = x (rows × ins), B(k, j) = W[j][k]
    product(out, 0, x, 0, ins, 1, params, w, 1, ins, rows, outs, ins, params, b, relu, workers);
  }

  /** {@code dW (outs × ins) = doutᵀ·x}, written to {@code grads[w ..]}; {@link #smallBackward} does small ones. */
  static void weightGradient(float[] grads, int w, float[] dout, float[] x, int rows, int ins, int outs,
      Workers workers) {
    // A(o, r) = dout[r][o], B = x (rows × ins)
    product(grads, w, dout, 0, 1, outs, x, 0, ins, 1, outs, ins, rows, null, 0, false, workers);
  }

  /** {@code dx (rows × ins) = dout·W}; {@link #smallBackward} does small ones. */
  static void inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs,
      Workers workers) {
    // A = dout (rows × outs), B = W (outs × ins)
    product(dx, 0, dout, 0, outs, 1, params, w, ins, 1, rows, ins, outs, null, 0, false, workers);
  }

  /**
   * All of a small layer's backward, each sum in {@link GemmReference}'s order (rows ascending for dW and db,
   * outputs ascending for dx). What a step of a tiny network costs is calls and loop overhead, not
   * arithmetic; this runs fastest inlined into the generated pass, where the layer's sizes are constants. C2
   * inlines only methods whose compiled code is small (InlineSmallCode, 2.5 kB), so the inner loops step by
   * the row strides {@code outs} and {@code ins}: compiled on its own, with strides unknown, such a loop is
   * not unrolled and stays small; inlined, the strides are constants and it is optimised as usual.
   */
  static void smallBackward(float[] dx, float[] grads, float[] dout, float[] x, float[] params, int w, int b,
      int rows, int ins, int outs) {
    int end = rows * outs;
    for (int o = 0; o < outs; o++) {
      float db = 0f;
      for (int k = o; k < end; k += outs) { // dout[r][o], r = 0, 1, ..
        db += dout[k];
      }
      grads[b + o] = db;
      for (int i = 0; i < ins; i++) {
        float dw = 0f;
        for (int k = o, xi = i; k < end; k += outs, xi += ins) { // dout[r][o]·x[r][i]
          dw += dout[k] * x[xi];
        }
        grads[w + o * ins + i] = dw;
      }
    }
    if (dx != null) {
      int wEnd = w + outs * ins;
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < ins; i++) {
          float sum = 0f;
          for (int k = r * outs, wi = w + i; wi < wEnd; k++, wi += ins) { // dout[r][o]·W[o][i]
            sum += dout[k] * params[wi];
          }
          dx[r * ins + i] = sum;
        }
      }
    }
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

  /** {@code C = A·B (+ bias, relu)} on {@code workers}: rows or panels of columns split between threads. */
  private static void product(float[] c, int co, float[] a, int ao, int ars, int aks, float[] b, int bo, int bks,
      int bjs, int m, int n, int k, float[] bias, int bi, boolean relu, Workers workers) {
    int parts = (int) Math.min(workers.threads(), Math.max(1, (long) m * n * k / PER_THREAD));
    if (parts == 1) {
      compute(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, 0, m, 0, n);
      return;
    }
    synchronized (workers) {
      Job job = JOB.get();
      job.set(c, co, a, ao, ars, aks, b, bo, bks, bjs, m, n, k, bias, bi, relu);
      workers.run(job, parts);
      job.clear();
    }
  }

  /** Rows {@code i0..i1} and columns {@code j0..j1} of {@code C}. */
  static void compute(float[] c, int co, float[] a, int ao, int ars, int aks, float[] b, int bo, int bks, int bjs,
      int n, int k, float[] bias, int bi, boolean relu, int i0, int i1, int j0, int j1) {
    if (j1 - j0 < 16) {
      dot(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, i0, i1, j0, j1);
      return;
    }
    // fewer rows than a tile (a layer with one output, say, whose dW has one row) waste the micro-kernel
    int panels = VECTOR && i1 - i0 >= VectorGemm.MR ? j0 + (j1 - j0) / PANEL * PANEL : j0;
    Scratch scratch = SCRATCH.get();
    if (panels > j0) {
      VectorGemm.product(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, i0, i1, j0, panels,
          scratch.panel);
    }
    if (panels < j1) {
      axpy(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, i0, i1, panels, j1, scratch);
    }
  }

  /**
   * Few columns: eight rows at a time, each element a dot product over k. The eight sums are independent, so
   * their multiply-adds overlap in the pipeline; one sum alone would wait ~4 cycles on each of its terms.
   */
  static void dot(float[] c, int co, float[] a, int ao, int ars, int aks, float[] b, int bo, int bks, int bjs,
      int n, int k, float[] bias, int bi, boolean relu, int i0, int i1, int j0, int j1) {
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
        for (int p = 0; p < k; p++) {
          float bkj = b[bj + p * bks];
          int ak = a0 + p * aks;
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
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p * aks], b[bj + p * bks], s);
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
  static void axpy(float[] c, int co, float[] a, int ao, int ars, int aks, float[] b, int bo, int bks, int bjs,
      int n, int k, float[] bias, int bi, boolean relu, int i0, int i1, int j0, int j1, Scratch scratch) {
    float[][] rows = scratch.rows;
    float[] acc = scratch.acc;
    for (int jb = j0; jb < j1; jb += NB) {
      int nb = Math.min(NB, j1 - jb);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packRows(rows, b, bo + pc * bks + jb * bjs, bks, bjs, kc, nb);
        boolean last = pc + kc == k;
        for (int i = i0; i < i1; i++) {
          int ci = co + i * n + jb;
          load(acc, c, ci, nb, pc == 0);
          int ai = ao + i * ars + pc * aks;
          int p = 0;
          for (; p + 4 <= kc; p += 4) {
            int aik = ai + p * aks;
            axpy4(acc, a[aik], a[aik + aks], a[aik + 2 * aks], a[aik + 3 * aks], rows[p], rows[p + 1], rows[p + 2],
                rows[p + 3], nb);
          }
          for (; p < kc; p++) {
            axpy1(acc, a[ai + p * aks], rows[p], nb);
          }
          store(acc, c, ci, nb, last, bias, bi + jb, relu);
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

  private static void store(float[] acc, float[] c, int ci, int nb, boolean last, float[] bias, int bi, boolean relu) {
    if (last && (bias != null || relu)) {
      for (int j = 0; j < nb; j++) {
        acc[j] = epilogue(acc[j], bias, bi + j, relu);
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

  /** {@code rows[p][j] = b[src + p·bks + j·bjs]} for {@code p < kc, j < nb}: a block of B, a row an array. */
  private static void packRows(float[][] rows, float[] b, int src, int bks, int bjs, int kc, int nb) {
    if (bjs == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, src + p * bks, rows[p], 0, nb);
      }
    } else {
      for (int j = 0; j < nb; j++) {
        int from = src + j * bjs;
        for (int p = 0; p < kc; p++) {
          rows[p][j] = b[from + p * bks];
        }
      }
    }
  }

  /**
   * One product handed to a {@link Workers} group: part {@code p} of {@code parts} computes a band of whole
   * column panels when there are at least two panels a part, else a band of rows. Every element is computed
   * by exactly one part, with the same arithmetic as on one thread.
   */
  static final class Job implements Workers.Task {
    private float[] c;
    private int co;
    private float[] a;
    private int ao;
    private int ars;
    private int aks;
    private float[] b;
    private int bo;
    private int bks;
    private int bjs;
    private int m;
    private int n;
    private int k;
    private float[] bias;
    private int bi;
    private boolean relu;

    void set(float[] c, int co, float[] a, int ao, int ars, int aks, float[] b, int bo, int bks, int bjs, int m,
        int n, int k, float[] bias, int bi, boolean relu) {
      this.c = c;
      this.co = co;
      this.a = a;
      this.ao = ao;
      this.ars = ars;
      this.aks = aks;
      this.b = b;
      this.bo = bo;
      this.bks = bks;
      this.bjs = bjs;
      this.m = m;
      this.n = n;
      this.k = k;
      this.bias = bias;
      this.bi = bi;
      this.relu = relu;
    }

    /** Drops the arrays, so that a group does not keep a network's buffers alive. */
    void clear() {
      set(null, 0, null, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, null, 0, false);
    }

    @Override
    public void run(int part, int parts) {
      int panels = n / PANEL;
      if (n >= 16 && panels >= 2 * parts) {
        int j0 = panels * part / parts * PANEL;
        int j1 = part == parts - 1 ? n : panels * (part + 1) / parts * PANEL;
        compute(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, 0, m, j0, j1);
      } else {
        int blocks = (m + VectorGemm.MR - 1) / VectorGemm.MR; // whole blocks of the micro-kernel's rows
        int i0 = Math.min(m, blocks * part / parts * VectorGemm.MR);
        int i1 = Math.min(m, blocks * (part + 1) / parts * VectorGemm.MR);
        compute(c, co, a, ao, ars, aks, b, bo, bks, bjs, n, k, bias, bi, relu, i0, i1, 0, n);
      }
    }
  }
}
