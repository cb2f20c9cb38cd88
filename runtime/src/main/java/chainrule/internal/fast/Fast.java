package chainrule.internal.fast;

import chainrule.internal.Workers;

/**
 * The one door to the fast machinery: {@link chainrule.internal.Kernels} calls these, and everything behind
 * them (blocking, packing, the Vector API micro-kernels, splitting between threads) is package-private.
 * Dispatch happens here and only here: by problem size (plain loops below {@link Gemm#SMALL} multiply-adds,
 * inlined into the generated pass), and by whether the Vector API is present.
 *
 * <p>Every path computes exactly what {@link GemmReference} and the scalar loops compute, bit for bit.
 */
public final class Fast {
  private Fast() {}

  /**
   * True when the Vector API paths run: the JVM was started with {@code --add-modules jdk.incubator.vector}
   * and the system property {@code chainrule.vector} is not {@code false}.
   */
  public static boolean vectorApi() {
    return Gemm.VECTOR;
  }

  /** {@code out (rows × outs) = x (rows × ins) · Wᵀ + b}, then {@code max(·, 0)} if {@code relu}. */
  public static void linearForward(float[] out, float[] x, float[] params, int w, int b, int rows, int ins,
      int outs, boolean relu, Workers workers) {
    Gemm.linear(out, x, params, w, b, rows, ins, outs, relu, workers);
  }

  /**
   * {@code dW = doutᵀ·x}, {@code db = Σ_rows dout}, and {@code dx = dout·W} unless {@code dx} is null; small
   * layers in one pass of plain loops, large ones as three products.
   */
  public static void linearBackward(float[] dx, float[] grads, float[] dout, float[] x, float[] params, int w,
      int b, int rows, int ins, int outs, Workers workers) {
    if ((long) rows * ins * outs < Gemm.SMALL) {
      Gemm.smallBackward(dx, grads, dout, x, params, w, b, rows, ins, outs);
      return;
    }
    Gemm.weightGradient(grads, w, dout, x, rows, ins, outs, workers);
    Gemm.biasGradient(grads, b, dout, rows, outs);
    if (dx != null) {
      Gemm.inputGradient(dx, dout, params, w, rows, ins, outs, workers);
    }
  }

  /** {@code a = l > 0 ? l : 0}; {@code a} may be {@code l}. */
  public static void reluForward(float[] a, float[] l, int n) {
    if (Gemm.VECTOR && n >= 256) {
      VectorKernels.reluForward(a, l, n); // no branch per element
      return;
    }
    reluScalar(a, l, n);
  }

  /** {@code dl = a > 0 ? da : 0} (PyTorch's threshold_backward: the gradient at 0 is 0). */
  public static void reluBackward(float[] dl, float[] da, float[] a, int n) {
    if (Gemm.VECTOR && n >= 256) {
      VectorKernels.reluBackward(dl, da, a, n); // no branch per element
      return;
    }
    for (int i = 0; i < n; i++) {
      dl[i] = a[i] > 0f ? da[i] : 0f;
    }
  }

  /** The plain ReLU that {@link VectorKernels#reluForward} must equal. */
  static void reluScalar(float[] a, float[] l, int n) {
    for (int i = 0; i < n; i++) {
      a[i] = l[i] > 0f ? l[i] : 0f;
    }
  }
}
