package chainrule.internal;

import chainrule.internal.fast.Fast;

/**
 * The kernels that generated networks call, in forward/backward pairs with llm.c's argument order:
 * outputs first, then inputs, then sizes. Batches are row-major {@code rows × features}. A Linear layer's
 * weight ({@code outs × ins}, row-major like {@code torch.nn.Linear}) starts at {@code params[w]}, its bias
 * ({@code outs}) at {@code params[b]}; its gradients sit at the same offsets of {@code grads}.
 *
 * <p>Backward kernels write (never accumulate) their gradients: every parameter and every activation
 * appears exactly once in a network's chain, so nothing needs zeroing between steps.
 *
 * <p>All arithmetic is float32 like PyTorch's CPU kernels; transcendental functions are evaluated in
 * double and rounded once, which is at least as accurate as PyTorch's vectorised float versions.
 */
public final class Kernels {
  private Kernels() {}

  // ---------------------------------------------------------------------------------------------
  // Linear: out = x·Wᵀ + b. The products run behind Fast: each element a sum in index order, one term at a
  // time (GemmReference is the plain version), so results do not depend on the path taken, on blocking or
  // on the thread count. Each kernel takes the Workers that may share its products.

  /** {@code out (rows × outs) = x (rows × ins) · Wᵀ + b}. */
  public static void linearForward(
      float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs, Workers workers) {
    Fast.linearForward(out, x, params, w, b, rows, ins, outs, false, workers);
  }

  /**
   * Gradients of {@code out = x·Wᵀ + b} given {@code dout (rows × outs)}: {@code dW = doutᵀ·x (outs × ins)},
   * {@code db = Σ_rows dout (outs)}, and {@code dx = dout·W (rows × ins)} unless {@code dx} is null (the first
   * layer needs no gradient for its input).
   */
  public static void linearBackward(float[] dx, float[] grads, float[] dout, float[] x, float[] params,
      int w, int b, int rows, int ins, int outs, Workers workers) {
    Fast.linearBackward(dx, grads, dout, x, params, w, b, rows, ins, outs, workers);
  }

  // ---------------------------------------------------------------------------------------------
  // Fused Linear + activation forward. Legal because the activation is element-wise: applying it to
  // each output right after its sum gives the same floats as a second pass. ReLU is applied as each tile
  // of the product is stored; Sigmoid and Tanh run over the finished output. Backward needs only the
  // activation's output a, so l is never stored.

  /** {@code a = σ(x·Wᵀ + b)}; equal, bit for bit, to {@link #linearForward} then {@link #sigmoidForward}. */
  public static void linearSigmoidForward(
      float[] a, float[] x, float[] params, int w, int b, int rows, int ins, int outs, Workers workers) {
    Fast.linearForward(a, x, params, w, b, rows, ins, outs, false, workers);
    sigmoidForward(a, a, rows * outs);
  }

  /** {@code a = tanh(x·Wᵀ + b)}; equal, bit for bit, to {@link #linearForward} then {@link #tanhForward}. */
  public static void linearTanhForward(
      float[] a, float[] x, float[] params, int w, int b, int rows, int ins, int outs, Workers workers) {
    Fast.linearForward(a, x, params, w, b, rows, ins, outs, false, workers);
    tanhForward(a, a, rows * outs);
  }

  /** {@code a = relu(x·Wᵀ + b)}; equal, bit for bit, to {@link #linearForward} then {@link #reluForward}. */
  public static void linearReluForward(
      float[] a, float[] x, float[] params, int w, int b, int rows, int ins, int outs, Workers workers) {
    Fast.linearForward(a, x, params, w, b, rows, ins, outs, true, workers);
  }

  // ---------------------------------------------------------------------------------------------
  // Activations: forward a = f(l); backward dl = da · f'(l), written in terms of a where possible.

  /** {@code a = 1 / (1 + e^-l)}; {@code a} may be {@code l}. */
  public static void sigmoidForward(float[] a, float[] l, int n) {
    for (int i = 0; i < n; i++) {
      a[i] = FloatMath.sigmoid(l[i]); // exactly sigmoid(l[i]) below, ~15% faster
    }
  }

  /** {@code dl = da · a·(1 - a)}, since σ'(l) = σ(l)·(1 - σ(l)). */
  public static void sigmoidBackward(float[] dl, float[] da, float[] a, int n) {
    for (int i = 0; i < n; i++) {
      dl[i] = da[i] * (a[i] * (1f - a[i]));
    }
  }

  /** {@code a = tanh(l)}; {@code a} may be {@code l}. */
  public static void tanhForward(float[] a, float[] l, int n) {
    for (int i = 0; i < n; i++) {
      a[i] = FloatMath.tanh(l[i]); // exactly (float) Math.tanh(l[i]), ~8× faster on JDK 17
    }
  }

  /** {@code dl = da · (1 - a²)}, since tanh'(l) = 1 - tanh²(l). */
  public static void tanhBackward(float[] dl, float[] da, float[] a, int n) {
    for (int i = 0; i < n; i++) {
      dl[i] = da[i] * (1f - a[i] * a[i]);
    }
  }

  /** {@code a = max(l, 0)}; {@code a} may be {@code l}. */
  public static void reluForward(float[] a, float[] l, int n) {
    Fast.reluForward(a, l, n);
  }

  /** {@code dl = da if a > 0 else 0} (PyTorch's threshold_backward: the gradient at 0 is 0). */
  public static void reluBackward(float[] dl, float[] da, float[] a, int n) {
    Fast.reluBackward(dl, da, a, n);
  }

  /** σ(x) in double, rounded once to float. */
  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  // ---------------------------------------------------------------------------------------------
  // Losses over n = rows × outputs values; each returns the mean, like PyTorch's default reduction.

  /**
   * {@code mean(-(y·max(log p, -100) + (1 - y)·max(log(1 - p), -100)))}, as {@code torch.nn.BCELoss}: each
   * term in float, the sum in double, rounded once.
   */
  public static float bceForward(float[] p, float[] y, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float logP = Math.max((float) Math.log(p[i]), -100f);
      float log1mP = Math.max((float) Log1p.log1p(-p[i]), -100f); // = Math.log1p, ~3× faster on JDK 17
      sum += (y[i] - 1f) * log1mP - y[i] * logP;
    }
    return (float) (sum / n);
  }

  /** {@code dp = (p - y) / max((1 - p)·p, 1e-12) / n}: autograd's gradient of {@code BCELoss} (mean). */
  public static void bceBackward(float[] dp, float[] p, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      dp[i] = (p[i] - y[i]) / Math.max((1f - p[i]) * p[i], 1e-12f) / n;
    }
  }

  /**
   * Fused Sigmoid + BCE backward: {@code dl = (a - y) / n} where {@code a = σ(l)}. Legal because
   * {@code σ'(l) = a·(1 - a)} cancels BCE's denominator {@code a·(1 - a)}; it differs from the unfused
   * chain only by rounding, and only where {@code a·(1 - a) < 1e-12} (a saturated to 0 or 1 in float),
   * where it keeps a useful gradient that the unfused chain loses.
   */
  public static void sigmoidBceBackward(float[] dl, float[] a, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      dl[i] = (a[i] - y[i]) / n;
    }
  }

  /** {@code mean((p - y)²)}, as {@code torch.nn.MSELoss}: the sum in double, rounded once. */
  public static float mseForward(float[] p, float[] y, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float d = p[i] - y[i];
      sum += d * d;
    }
    return (float) (sum / n);
  }

  /** {@code dp = 2·(p - y) / n}. */
  public static void mseBackward(float[] dp, float[] p, float[] y, int n) {
    float scale = 2f / n;
    for (int i = 0; i < n; i++) {
      dp[i] = (p[i] - y[i]) * scale;
    }
  }
}
