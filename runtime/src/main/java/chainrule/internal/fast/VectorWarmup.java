package chainrule.internal.fast;

import java.lang.management.ManagementFactory;

/**
 * Gets the Vector API kernels compiled before the products use them. Until C2 has compiled them, the
 * interpreter and C1 run every vector operation as an object allocation and a chain of calls, some hundred
 * times slower than compiled, so a fresh JVM's first step of a large network took seconds. Every path gives
 * the same bits, so {@link Fast} runs the products on {@link ScalarGemm} (small loops, compiled much sooner)
 * while this class's daemon thread runs the vector kernels on small dummy products, covering
 * each of their branches so that the compiled code is not thrown away when the real products take one; it
 * then says {@link #warm} and the products switch to the vector path.
 *
 * <p>How it knows: run by the interpreter or C1, each vector operation allocates an object; compiled by C2,
 * the kernels allocate nothing (which {@code StepAllocationTest} checks for whole steps). So the kernels are
 * warm once a round of the dummy products allocates 0 bytes on this thread. Without a way to count a
 * thread's allocations (a JVM without {@code com.sun.management}), the products switch at once, as before.
 * On a JVM without C2 ({@code -XX:TieredStopAtLevel=1}, {@code -Xint}) the thread ends at once and the
 * products stay on the scalar path, which is then the faster one.
 */
final class VectorWarmup {
  private VectorWarmup() {}

  /**
   * How long rounds run back to back at most (~30 µs a round once compiled; the first rounds, run by the
   * interpreter, take 20–40 ms and allocate ~30 MB each, every vector an object). C2 compiles a method after
   * 600 calls at least, ~150 rounds here, but more while its queue is long (on a busy machine, or while JMH
   * and the step's own code are being compiled): counting up slowly instead, with pauses, left the kernels
   * uncompiled for more than 8 s in a benchmark fork. Only a JVM without C2 spends all of this in vain.
   */
  private static final long BACK_TO_BACK_NANOS = 10_000_000_000L;
  /**
   * How long the thread waits, in ms, from the first large product before it starts: first the calling
   * thread's scalar kernels get compiled. Started at once, the dummy products flood C2's queue and take a core
   * while the scalar loops still run in C1's code: on 2 cores (AMD EPYC), {@code large}'s create + first step took
   * 470–580 ms that way, and 270–320 ms starting after 300 ms, with the first 8 steps no slower in all
   * (four fresh JVMs each, alternating).
   */
  private static final long START_AFTER_MS = 300;
  /** Longest pause between later probes, in ms; pauses start at 1 ms and double, leaving the cores to others. */
  private static final int MAX_PAUSE_MS = 64;

  /**
   * {@code -Dchainrule.warmup=false}: the products take the vector path from the first, compiled or not (as
   * before this class): for a benchmark whose own warm-up is long, or a JVM that compiles ahead of time.
   */
  private static volatile boolean warm = "false".equals(System.getProperty("chainrule.warmup"));
  private static volatile boolean started;

  /** Whether the vector kernels are compiled; starts warming them up the first time it is asked. */
  static boolean warm() {
    if (warm) {
      return true;
    }
    if (!started) {
      start();
    }
    return false;
  }

  /** Whether the vector kernels are compiled, without starting anything (element-wise kernels ask this). */
  static boolean isWarm() {
    return warm;
  }

  private static synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    Thread thread = new Thread(VectorWarmup::run, "chainrule-vector-warmup");
    thread.setDaemon(true); // never keeps the JVM alive
    thread.start();
  }

  private static void run() {
    if (!c2()) {
      return; // C1 or the interpreter would run the vector kernels an object a vector: stay on the scalar path
    }
    try {
      Thread.sleep(START_AFTER_MS);
    } catch (InterruptedException e) {
      warm = true; // asked to stop: leave the choice to the kernels as they are
      return;
    }
    com.sun.management.ThreadMXBean threads = allocationCounter();
    if (threads == null) {
      warm = true;
      return;
    }
    Dummies dummies = new Dummies();
    // back to back while the kernels climb to C2's thresholds; if there is no C2, slower, leaving the cores
    long start = System.nanoTime();
    int round = 0;
    for (; System.nanoTime() - start < BACK_TO_BACK_NANOS; round++) {
      if (allocatesNothing(threads, dummies, round)) {
        warm = true;
        return;
      }
    }
    for (int pause = 1; ; pause = Math.min(MAX_PAUSE_MS, 2 * pause), round++) {
      try {
        Thread.sleep(pause); // C2's queue is long, or there is no C2
      } catch (InterruptedException e) {
        warm = true; // asked to stop: leave the choice to the kernels as they are
        return;
      }
      if (allocatesNothing(threads, dummies, round)) {
        warm = true;
        return;
      }
    }
  }

  /** Runs a round of the dummy products: whether it allocated nothing, that is, ran on C2's code only. */
  private static boolean allocatesNothing(com.sun.management.ThreadMXBean threads, Dummies dummies, int round) {
    long before = threads.getCurrentThreadAllocatedBytes();
    dummies.round(round % 128 == 127); // a second block of k now and then (once C1 runs the kernels)
    return threads.getCurrentThreadAllocatedBytes() == before;
  }

  /**
   * Whether this JVM compiles with C2, the only compiler that keeps vectors in registers: not with
   * {@code -Xint} or {@code -XX:TieredStopAtLevel} below 4 (set by some IDEs for a faster start). Without it the
   * kernels would never allocate nothing, and the thread would probe for the life of the JVM. If the options
   * cannot be read, assumes C2 (as the JVMs this runs on have).
   */
  static boolean c2() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if (hotspot == null) {
        return true;
      }
      if (!Boolean.parseBoolean(hotspot.getVMOption("UseCompiler").getValue())) {
        return false;
      }
      return !Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue())
          || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    } catch (LinkageError | RuntimeException e) {
      return true;
    }
  }

  /** The JVM's per-thread allocation counter, or null where there is none. */
  private static com.sun.management.ThreadMXBean allocationCounter() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
          && threads.isThreadAllocatedMemorySupported()) {
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
      }
    } catch (LinkageError | RuntimeException e) {
      // no java.management or jdk.management in this runtime image
    }
    return null;
  }

  /**
   * Small products of each shape a Linear layer makes (forward with bias and ReLU, with bias alone, the weight
   * and the input gradients, gated by ReLU's output or not: B transposed or not, with and without the
   * epilogue), of 7 rows (one tile and one row through the edge tile), each also with
   * {@link VectorGemm#PACK_A_COLUMNS} columns and more (A packed, a last narrow panel) and with 10 columns
   * ({@link VectorGemm#narrow}), through {@link Gemm#compute} as the real products go; then ReLU, the bias
   * gradient, cross-entropy's softmax and the input check: every branch the real products take, so that none
   * of them meets code C2 has not compiled after the switch.
   */
  static final class Dummies {
    private static final int ROWS = VectorGemm.MR + 1;
    /** Columns of the products with A read in place: a whole panel and a last one of 5 columns ({@code kernel6x1}). */
    private static final int COLS = VectorGemm.NR + 5;
    /** Columns of the wide products: A packed, and a last panel narrower than {@link VectorGemm#NR}. */
    private static final int WIDE = VectorGemm.PACK_A_COLUMNS + 5;
    /** Rows and columns of the narrow product: C's rows become the lanes. */
    private static final int NARROW_ROWS = 17;
    private static final int NARROW_COLS = 10;
    /**
     * k of most rounds of the wide and the narrow products: short, so that a round is cheap even before C2 and
     * the call counts climb; but not too short, because C2 compiles the kernels for what the dummies showed it.
     * With 16 terms, after the switch {@code large}'s step (its products pack A: {@link #WIDE} columns) took
     * 3–5% longer than now, and ~3% longer than with the kernels compiled on its own products
     * ({@code -Dchainrule.warmup=false}, as the benchmark suite runs); 64, 128 and 255 terms did as well as 32.
     * {@code paired-steps}, these rounds against 16 terms everywhere, AMD Zen 5: {@code large} 0.955–0.973 of the
     * time (three runs), {@code medium} 0.968–0.999 (five), {@code mnist-nn} 1.003–1.008 (three; its narrow
     * products at 16 instead: 0.983–1.010 of that, four runs). The first steps did not change (create + step 1
     * ~0.2 s, the switch after 19–25 steps of {@code large}).
     */
    private static final int SHORT = 32;
    /**
     * k of most rounds for the products of {@link #COLS} columns, A read in place (most of {@code medium}'s and
     * {@code mnist-nn}'s): 16, as before; with 32 here too, {@code medium}'s step was 0.97–1.04 of the time with
     * 16 (eight runs), no gain.
     */
    private static final int SHORT_IN_PLACE = 16;
    /** k of some rounds: over one block of VectorGemm's k (256), to take the branch of a second block. */
    private static final int LONG = 256 + 4;

    final Gemm gemm = new Gemm(true);
    final Product product = new Product();
    final float[] x = values(Math.max(NARROW_ROWS * LONG, SHORT * WIDE));
    final float[] params = values(WIDE * LONG + WIDE);
    final float[] dout = values(SHORT * WIDE);
    final float[] out = new float[NARROW_ROWS * WIDE];
    final float[] grads = new float[WIDE * LONG + WIDE];
    final float[] relu = values(3 * VectorGemm.NR + 5);
    final float[] reluOut = new float[relu.length];

    void round(boolean longK) {
      for (int wide = 0; wide < 2; wide++) { // no array to loop over: a round must be able to allocate nothing
        int cols = wide == 0 ? COLS : WIDE;
        int terms = wide == 0 ? SHORT_IN_PLACE : SHORT;
        int k = longK ? LONG : terms;
        int b = cols * k; // the bias after W (cols × k)
        gemm(product.linear(out, x, params, 0, b, ROWS, k, cols, true));
        gemm(product.linear(out, x, params, 0, b, ROWS, k, cols, false));
        gemm(product.weightGradient(grads, 0, dout, x, terms, cols, ROWS)); // C: ROWS × cols, A = doutᵀ
        gemm(product.inputGradient(out, dout, params, 0, ROWS, cols, terms, null)); // C: ROWS × cols, B = W
        gemm(product.inputGradient(out, dout, params, 0, ROWS, cols, terms, x)); // gated by ReLU's output
      }
      int k = longK ? LONG : SHORT;
      gemm(product.linear(out, x, params, 0, NARROW_COLS * k, NARROW_ROWS, k, NARROW_COLS, true));
      gemm(product.linear(out, x, params, 0, NARROW_COLS * k, NARROW_ROWS, k, NARROW_COLS, false));
      gemm(product.inputGradient(out, dout, params, 0, NARROW_ROWS, NARROW_COLS, SHORT, x)); // narrow, gated
      for (int i = 0; i < 4; i++) { // as many calls as the products make of the other kernels
        VectorKernels.reluForward(reluOut, relu, relu.length);
        VectorKernels.reluBackward(reluOut, relu, relu, relu.length);
        VectorKernels.biasGradient(grads, 0, relu, 2, VectorGemm.NR + 5);
        VectorKernels.softmaxScaled(reluOut, relu, relu.length, -0.01f);
        VectorKernels.firstNonFinite(relu, relu.length);
      }
    }

    /** All of {@code p}, as {@link Fast} hands a product of one thread to the vector path. */
    private void gemm(Product p) {
      gemm.compute(p, 0, p.m, 0, p.n);
      p.clear();
    }

    private static float[] values(int n) {
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = (i % 7 - 3) * 0.25f; // positive, negative and zero, for ReLU's both sides
      }
      return values;
    }
  }
}
