package chainrule.internal.fast;

import chainrule.internal.Workers;

/**
 * The one door to the fast machinery: {@link chainrule.internal.Kernels} calls these, and everything behind
 * them (blocking, packing, the Vector API kernels, splitting between threads) is package-private. All the
 * dispatch happens here, and only here: by problem size (plain loops, {@link SmallLinear}, below
 * {@link #SMALL} multiply-adds; {@link Gemm} from there on) and by whether the Vector API is present
 * ({@link #VECTOR}). Nothing behind the door calls back through it.
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

  /**
   * True when the Vector API kernels run: the JVM was started with {@code --add-modules jdk.incubator.vector},
   * the system property {@code chainrule.vector} is not {@code false}, and vectors have at least 8 float
   * lanes. Otherwise no class that uses the Vector API is ever loaded.
   */
  static final boolean VECTOR = vectorAvailable();

  /** The matrix products, with or without {@link VectorGemm}. */
  private static final Gemm GEMM = new Gemm(VECTOR);

  /** Element-wise kernels run on vectors from this many elements on; below, the loop's overhead wins. */
  private static final int VECTOR_ELEMENTS = 256;

  private static boolean vectorAvailable() {
    if ("false".equals(System.getProperty("chainrule.vector"))
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
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
    GEMM.linear(out, x, params, w, b, rows, ins, outs, relu, workers);
  }

  /**
   * {@code dW = doutᵀ·x}, {@code db = Σ_rows dout}, and {@code dx = dout·W} unless {@code dx} is null; small
   * layers in one pass of plain loops, large ones as three products.
   */
  public static void linearBackward(float[] dx, float[] grads, float[] dout, float[] x, float[] params, int w,
      int b, int rows, int ins, int outs, Workers workers) {
    if (small(rows, ins, outs)) {
      SmallLinear.backward(dx, grads, dout, x, params, w, b, rows, ins, outs);
      return;
    }
    GEMM.weightGradient(grads, w, dout, x, rows, ins, outs, workers);
    if (VECTOR) {
      VectorKernels.biasGradient(grads, b, dout, rows, outs); // C2 leaves the scalar loop unvectorised
    } else {
      Gemm.biasGradient(grads, b, dout, rows, outs);
    }
    if (dx != null) {
      GEMM.inputGradient(dx, dout, params, w, rows, ins, outs, workers);
    }
  }

  /** Whether a Linear layer of these sizes takes the plain loops: fewer than {@link #SMALL} multiply-adds. */
  static boolean small(int rows, int ins, int outs) {
    return (long) rows * ins * outs < SMALL;
  }

  /** {@code a = l > 0 ? l : 0}; {@code a} may be {@code l}. */
  public static void reluForward(float[] a, float[] l, int n) {
    if (VECTOR && n >= VECTOR_ELEMENTS) {
      VectorKernels.reluForward(a, l, n); // no branch per element
      return;
    }
    for (int i = 0; i < n; i++) {
      a[i] = l[i] > 0f ? l[i] : 0f;
    }
  }

  /** {@code dl = a > 0 ? da : 0} (PyTorch's threshold_backward: the gradient at 0 is 0). */
  public static void reluBackward(float[] dl, float[] da, float[] a, int n) {
    if (VECTOR && n >= VECTOR_ELEMENTS) {
      VectorKernels.reluBackward(dl, da, a, n); // no branch per element
      return;
    }
    for (int i = 0; i < n; i++) {
      dl[i] = a[i] > 0f ? da[i] : 0f;
    }
  }
}
