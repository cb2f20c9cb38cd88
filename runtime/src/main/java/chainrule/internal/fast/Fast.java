package chainrule.internal.fast;

import chainrule.internal.Workers;

/**
 * The one door to the fast machinery: {@link chainrule.internal.Kernels} calls these, and everything behind
 * them (blocking, packing, the Vector API kernels, splitting between threads) is package-private, but for
 * {@link SleefFloat}'s exp and log, which Kernels also calls: SleefFloat lives here, beside the door, so that
 * its vector copy ({@code VectorKernels.softmaxScaled}) shares its constants. All the
 * dispatch happens here, and only here: by problem size (plain loops, {@link SmallLinear}, below
 * {@link #SMALL} multiply-adds; {@link Gemm} from there on), by whether the Vector API is present
 * ({@link #VECTOR}) and, if it is, by whether its kernels are compiled yet ({@link VectorWarmup}). Nothing
 * behind the door calls back through it.
 *
 * <p>Every path computes exactly what {@link GemmReference} and the scalar loops compute, bit for bit.
 */
public final class Fast {
  private Fast() {}

  /**
   * Below this many multiply-adds a Linear layer runs as plain loops (no blocking, packing or threads), its
   * terms added as {@code acc + a·b}; from here on, as fused multiply-adds, which are ~12% faster.
   */
  static final int SMALL = 1 << 15;

  /** {@code -Dchainrule.vector=false}: the user chose the scalar path (and is not warned about it). */
  private static final boolean SCALAR_CHOSEN = "false".equals(System.getProperty("chainrule.vector"));

  /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector} (or chainrule is a module). */
  private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /**
   * True when the Vector API kernels run: the JVM was started with {@code --add-modules jdk.incubator.vector},
   * the system property {@code chainrule.vector} is not {@code false}, and vectors have at least 8 float
   * lanes. Otherwise no class that uses the Vector API is ever loaded.
   */
  static final boolean VECTOR = !SCALAR_CHOSEN && VECTOR_MODULE && vectorUsable();

  /**
   * Whether a large product on the scalar path logs {@link ScalarWarning}: only when the missing flag is the
   * reason. Vectors too narrow for the kernels are the CPU's doing, which the user cannot change.
   */
  private static final boolean WARN = !SCALAR_CHOSEN && !VECTOR_MODULE;

  /** The matrix products without the Vector API: {@link ScalarGemm} and the dot products. */
  private static final Gemm SCALAR_GEMM = new Gemm(false);
  /** The matrix products with {@link VectorGemm}; null without the Vector API (VectorGemm is never loaded). */
  private static final Gemm VECTOR_GEMM = VECTOR ? new Gemm(true) : null;

  /** Element-wise kernels run on vectors from this many elements on; below, the loop's overhead wins. */
  private static final int VECTOR_ELEMENTS = 256;

  private static boolean vectorUsable() {
    try {
      return VectorGemm.usable(Gemm.PANEL_FLOATS);
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** Whether the Vector API kernels run (see {@link #VECTOR}). */
  public static boolean vectorApi() {
    return VECTOR;
  }

  /** {@code out (rows × outs) = x (rows × ins) · Wᵀ + b}, then {@code max(·, 0)} if {@code relu}. */
  public static void linearForward(float[] out, float[] x, float[] params, int w, int b, int rows, int ins,
      int outs, boolean relu, Workers workers) {
    if (small(rows, ins, outs)) {
      SmallLinear.forward(out, x, params, w, b, rows, ins, outs, relu);
      return;
    }
    gemm().linear(out, x, params, w, b, rows, ins, outs, relu, workers);
  }

  /**
   * {@code dW = doutᵀ·x}, {@code db = Σ_rows dout}, and {@code dx = dout·W} unless {@code dx} is null; if
   * {@code gated}, then {@code dx = x > 0 ? dx : 0} ({@code x} is ReLU's output, so this is ReLU's backward). Small
   * layers in one pass of plain loops and the gate in a second; large ones as three products, the gate in the
   * input gradient's epilogue ({@link Product#gate}).
   */
  public static void linearBackward(float[] dx, float[] grads, float[] dout, float[] x, float[] params, int w,
      int b, int rows, int ins, int outs, boolean gated, Workers workers) {
    if (small(rows, ins, outs)) {
      SmallLinear.backward(dx, grads, dout, x, params, w, b, rows, ins, outs);
      if (gated && dx != null) {
        reluBackward(dx, dx, x, rows * ins);
      }
      return;
    }
    Gemm gemm = gemm();
    gemm.weightGradient(grads, w, dout, x, rows, ins, outs, workers);
    gemm.biasGradient(grads, b, dout, rows, outs);
    if (dx != null) {
      gemm.inputGradient(dx, dout, params, w, rows, ins, outs, gated ? x : null, workers);
    }
  }

  /**
   * The products of a large layer: on the vector path once {@link VectorWarmup} finds its kernels compiled
   * (until then on the scalar path, which gives the same bits), else on the scalar path, saying once why
   * ({@link ScalarWarning}) if the user did not choose it.
   */
  private static Gemm gemm() {
    if (VECTOR) {
      return VectorWarmup.warm() ? VECTOR_GEMM : SCALAR_GEMM;
    }
    if (WARN) {
      ScalarWarning.scalarProductRuns();
    }
    return SCALAR_GEMM;
  }

  /** Whether a Linear layer of these sizes takes the plain loops: fewer than {@link #SMALL} multiply-adds. */
  static boolean small(int rows, int ins, int outs) {
    return (long) rows * ins * outs < SMALL;
  }

  /** {@code a = l > 0 ? l : 0}; {@code a} may be {@code l}. */
  public static void reluForward(float[] a, float[] l, int n) {
    if (VECTOR && n >= VECTOR_ELEMENTS && VectorWarmup.isWarm()) {
      VectorKernels.reluForward(a, l, n); // no branch per element
      return;
    }
    for (int i = 0; i < n; i++) {
      a[i] = l[i] > 0f ? l[i] : 0f;
    }
  }

  /** {@code dl = a > 0 ? da : 0} (PyTorch's threshold_backward: the gradient at 0 is 0). */
  public static void reluBackward(float[] dl, float[] da, float[] a, int n) {
    if (VECTOR && n >= VECTOR_ELEMENTS && VectorWarmup.isWarm()) {
      VectorKernels.reluBackward(dl, da, a, n); // no branch per element
      return;
    }
    for (int i = 0; i < n; i++) {
      dl[i] = a[i] > 0f ? da[i] : 0f;
    }
  }

  /**
   * The index of the first of {@code a[0 .. n)} that is not finite (±∞ or NaN), or -1: every step's check of
   * its input batch. On vectors once they are compiled: with the scalar loop (a branch an element),
   * {@code mnist-nn}'s step (78,400 inputs) took ~30 µs longer, 720–735 µs against 691–699.
   */
  public static int firstNonFinite(float[] a, int n) {
    if (VECTOR && n >= VECTOR_ELEMENTS && VectorWarmup.isWarm()) {
      return VectorKernels.firstNonFinite(a, n);
    }
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code dl[i] = fma(-exp(logp[i]), grad, 0)} with SLEEF's float {@code exp} ({@link SleefFloat#exp}) for
   * the first elements of {@code i < n}, on vectors: returns how many it did, a multiple of the vector length
   * (0 without the Vector API, with too few elements, or before the kernels are compiled); the caller does the
   * rest.
   */
  public static int softmaxScaled(float[] dl, float[] logp, int n, float grad) {
    if (VECTOR && n >= VECTOR_ELEMENTS && VectorWarmup.isWarm()) {
      return VectorKernels.softmaxScaled(dl, logp, n, grad);
    }
    return 0;
  }
}
