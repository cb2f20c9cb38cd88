package chainrule.internal;

import chainrule.internal.fast.Fast;
import chainrule.internal.fast.SleefFloat;

/**
 * The kernels that generated networks call, in forward/backward pairs with llm.c's argument order:
 * outputs first, then inputs, then sizes. Batches are row-major {@code rows × features}. A Linear layer's
 * weight ({@code outs × ins}, row-major like {@code torch.nn.Linear}) starts at {@code params[w]}, its bias
 * ({@code outs}) at {@code params[b]}; its gradients sit at the same offsets of {@code grads}.
 *
 * <p>Backward kernels write (never accumulate) their gradients: every parameter and every activation
 * appears exactly once in a network's chain, so nothing needs zeroing between steps.
 *
 * <p>All arithmetic is float32 like PyTorch's CPU kernels. σ and tanh are the double-precision values
 * rounded once (computed fast by {@link FloatMath}, with the same results), BCE's logs {@code (float) Math.log}
 * and {@code (float) Math.log1p} (computed fast by {@link FloatLog}, with the same results); cross-entropy's exp and log are
 * PyTorch's own float SLEEF functions ({@link SleefFloat}), so that losses and gradients match it bit for bit.
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
    Fast.linearBackward(dx, grads, dout, x, params, w, b, rows, ins, outs, false, workers);
  }

  /**
   * {@link #linearBackward} of a layer whose input {@code a} is a ReLU's output, and then that ReLU's
   * {@link #reluBackward}, in one pass: {@code dW = doutᵀ·a}, {@code db = Σ_rows dout} and
   * {@code dl = (dout·W)·[a > 0] (rows × ins)}, the gradient of the ReLU's input. Equal, bit for bit, to the two
   * kernels. The gate is applied as each tile of {@code dout·W} leaves the vector kernels (or the dot products);
   * on the scalar and the small paths in a pass over {@code dl} after the product. No buffer holds the gradient
   * of {@code a}. {@code dl} must be neither {@code a} nor {@code dout}, which the product reads while it writes.
   */
  public static void linearReluBackward(float[] dl, float[] grads, float[] dout, float[] a, float[] params,
      int w, int b, int rows, int ins, int outs, Workers workers) {
    if (dl == a || dl == dout) {
      throw new IllegalArgumentException("dl must be an array of its own, not " + (dl == a ? "a" : "dout")
          + ": the product reads them while it writes dl");
    }
    Fast.linearBackward(dl, grads, dout, a, params, w, b, rows, ins, outs, true, workers);
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
      a[i] = FloatMath.sigmoid(l[i]); // exactly (float) (1.0 / (1.0 + Math.exp(-l))), ~15% faster
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

  /**
   * {@code a = l > 0 ? l : negativeSlope·l}, PyTorch's {@code leaky_relu} on floats: 0 and -0 take the
   * slope too (so -0 stays -0), NaN stays NaN. {@code a} may be {@code l}.
   */
  public static void leakyReluForward(float[] a, float[] l, float negativeSlope, int n) {
    for (int i = 0; i < n; i++) {
      a[i] = l[i] > 0f ? l[i] : l[i] * negativeSlope;
    }
  }

  /**
   * {@code dl = da if a > 0 else da·negativeSlope}. PyTorch tests the input, {@code l > 0}; for a slope
   * {@code >= 0} that is the same as {@code a > 0} (l > 0 gives a = l > 0; l <= 0 or NaN gives a <= 0 or NaN),
   * so only the output is kept. The gradient at 0 is {@code da·negativeSlope}, like PyTorch's.
   */
  public static void leakyReluBackward(float[] dl, float[] da, float[] a, float negativeSlope, int n) {
    for (int i = 0; i < n; i++) {
      dl[i] = a[i] > 0f ? da[i] : da[i] * negativeSlope;
    }
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
      float pi = p[i];
      float yi = y[i];
      if ((yi == 0f || yi == 1f) && pi >= 0f && pi <= 1f) {
        // a hard target: the other term is 0·(a finite log) = ±0, so the sum is the same with one log only
        // (-0 and +0 differ only in the sign of a zero, which adding to the double sum, from +0, erases)
        sum += -Math.max(FloatLog.logOrLog1m(pi, yi == 1f), -100f);
        continue;
      }
      float logP = Math.max(FloatLog.log(pi), -100f); // = (float) Math.log(p), ~6× faster on JDK 17
      float log1mP = Math.max(FloatLog.log1p(-pi), -100f); // = (float) Math.log1p(-p), ~5× faster
      sum += (yi - 1f) * log1mP - yi * logP;
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
    if ((n & (n - 1)) == 0) {
      // n = 2^k: x / n and x·2^-k are the same correctly rounded value, and a multiplication is 3 cycles on the
      // step's critical path where a division is ~10 (C2 does the same for a constant n, as in hand-written code)
      float reciprocal = 1f / n;
      for (int i = 0; i < n; i++) {
        dl[i] = (a[i] - y[i]) * reciprocal;
      }
      return;
    }
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

  // ---------------------------------------------------------------------------------------------
  // Cross-entropy: torch.nn.CrossEntropyLoss with class-index labels, mean over rows, which is
  // log_softmax over each row of logits l (rows × classes) followed by NLL. Float32 in PyTorch 1.13's CPU
  // order: the row sums of exponentials go through 8 lanes then a fixed tree (Vectorized<float>, AVX2), exp
  // and log are SLEEF's (SleefFloat), NLL sums rows in float with a 16-row cascade. Bit for bit with torch
  // (CrossEntropyKernelsTest).

  /**
   * {@code logp = log_softmax(l)} row by row: {@code m = max(l)}, {@code logp = (l - m) - log Σ exp(l - m)},
   * in that order (subtracting {@code m} and the log-sum separately keeps large logits exact). {@code logp}
   * may be {@code l}.
   */
  public static void logSoftmaxForward(float[] logp, float[] l, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      float max = l[row];
      for (int c = 1; c < classes; c++) {
        max = Math.max(max, l[row + c]); // NaN wins, as in vec::maximum
      }
      float logSum = SleefFloat.log(sumExpMinus(l, row, classes, max));
      for (int c = 0; c < classes; c++) {
        logp[row + c] = (l[row + c] - max) - logSum;
      }
    }
  }

  /**
   * {@code Σ_c exp(l[row + c] - max)} summed as torch's {@code vec::map_reduce_all} sums: a row shorter than
   * 8 from left to right; otherwise lane k (0..7) sums elements k, k + 8, k + 16, … in order, and the lanes
   * are combined as {@code ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))}.
   */
  private static float sumExpMinus(float[] l, int row, int classes, float max) {
    if (classes < LANES) {
      float sum = SleefFloat.exp(l[row] - max);
      for (int c = 1; c < classes; c++) {
        sum = sum + SleefFloat.exp(l[row + c] - max);
      }
      return sum;
    }
    return ((laneExp(l, row, classes, max, 0) + laneExp(l, row, classes, max, 4))
        + (laneExp(l, row, classes, max, 2) + laneExp(l, row, classes, max, 6)))
        + ((laneExp(l, row, classes, max, 1) + laneExp(l, row, classes, max, 5))
        + (laneExp(l, row, classes, max, 3) + laneExp(l, row, classes, max, 7)));
  }

  /** Lane {@code k} of {@link #sumExpMinus}: {@code exp(l[k] - max) + exp(l[k + 8] - max) + …}. */
  private static float laneExp(float[] l, int row, int classes, float max, int k) {
    float sum = SleefFloat.exp(l[row + k] - max);
    for (int c = k + LANES; c < classes; c += LANES) {
      sum = sum + SleefFloat.exp(l[row + c] - max);
    }
    return sum;
  }

  private static final int LANES = 8; // floats in one AVX2 vector, which fixes torch's order of summation

  /**
   * {@code mean_r(-logp[r][labels[r]])}, as {@code torch.nn.NLLLoss}: the negated picks summed in float with
   * torch's cascade (eight partial sums; level j collects 16 sums of level j - 1, that is 16^j rows), then
   * divided by {@code (float) rows}. Labels are checked first ({@link #checkLabels}). Torch sizes its levels
   * {@code 2^max(4, ceil(log2 rows) / 8)} rows: 16 for any batch below 2^40 rows.
   */
  public static float nllForward(float[] logp, int[] labels, int rows, int classes) {
    checkLabels(labels, rows, classes);
    return nll(logp, labels, rows, classes);
  }

  /** {@link #nllForward} on labels already checked. */
  private static float nll(float[] logp, int[] labels, int rows, int classes) {
    // level j holds the sum of up to 16 level-(j-1) sums; at row r, level j is pushed up when the
    // j + 1 lowest hex digits of r are 0 (so row 0 goes straight to the top level, as in torch)
    float p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
    for (int r = 0; r < rows; r++) {
      p0 -= logp[r * classes + labels[r]];
      if ((r & 0xF) != 0) {
        continue;
      }
      p1 += p0;
      p0 = 0;
      if ((r & 0xF0) != 0) {
        continue;
      }
      p2 += p1;
      p1 = 0;
      if ((r & 0xF00) != 0) {
        continue;
      }
      p3 += p2;
      p2 = 0;
      if ((r & 0xF000) != 0) {
        continue;
      }
      p4 += p3;
      p3 = 0;
      if ((r & 0xF0000) != 0) {
        continue;
      }
      p5 += p4;
      p4 = 0;
      if ((r & 0xF00000) != 0) {
        continue;
      }
      p6 += p5;
      p5 = 0;
      if ((r & 0xF000000) != 0) {
        continue;
      }
      p7 += p6;
      p6 = 0;
    }
    float sum = ((((((((0f + p0) + p1) + p2) + p3) + p4) + p5) + p6) + p7); // std::accumulate from 0
    return sum / rows;
  }

  /** {@code dlogp = -1/rows at [r][labels[r]], 0 elsewhere}: the gradient of {@link #nllForward}. */
  public static void nllBackward(float[] dlogp, int[] labels, int rows, int classes) {
    checkLabels(labels, rows, classes);
    float grad = -(1f / rows);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < classes; c++) {
        dlogp[r * classes + c] = c == labels[r] ? grad : 0f;
      }
    }
  }

  /**
   * Gradient of {@code logp = log_softmax(l)}: {@code dl = dlogp - exp(logp)·Σ_row dlogp}, with the row sum
   * in torch's lane order and each {@code dlogp - exp(logp)·s} one fused multiply-add, as torch's compiled
   * kernel computes it. {@code dl} may be {@code dlogp}.
   */
  public static void logSoftmaxBackward(float[] dl, float[] dlogp, float[] logp, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      float sum = sumRow(dlogp, row, classes);
      for (int c = 0; c < classes; c++) {
        dl[row + c] = Math.fma(-SleefFloat.exp(logp[row + c]), sum, dlogp[row + c]);
      }
    }
  }

  /** {@code Σ_c v[row + c]} in the lane order of {@link #sumExpMinus}. */
  private static float sumRow(float[] v, int row, int classes) {
    if (classes < LANES) {
      float sum = v[row];
      for (int c = 1; c < classes; c++) {
        sum = sum + v[row + c];
      }
      return sum;
    }
    return ((lane(v, row, classes, 0) + lane(v, row, classes, 4)) + (lane(v, row, classes, 2) + lane(v, row, classes, 6)))
        + ((lane(v, row, classes, 1) + lane(v, row, classes, 5)) + (lane(v, row, classes, 3) + lane(v, row, classes, 7)));
  }

  private static float lane(float[] v, int row, int classes, int k) {
    float sum = v[row + k];
    for (int c = k + LANES; c < classes; c += LANES) {
      sum = sum + v[row + c];
    }
    return sum;
  }

  /**
   * {@code logp = log_softmax(l)}, then the cross-entropy {@code mean_r(-logp[r][labels[r]])}; returns the
   * loss and leaves {@code logp (rows × classes)} for {@link #crossEntropyBackward}. {@code logp} may be
   * {@code l} when the logits are not needed afterwards. Labels are checked before anything is written.
   */
  public static float crossEntropyForward(float[] logp, float[] l, int[] labels, int rows, int classes) {
    checkLabels(labels, rows, classes);
    logSoftmaxForward(logp, l, rows, classes);
    return nll(logp, labels, rows, classes); // checked above, before anything was written
  }

  /**
   * Fused log-softmax + NLL backward: {@code dl = (softmax(l) - onehot(labels)) / rows}, computed as
   * {@code dl = exp(logp)·(1/rows)} off the label and {@code dl = fma(exp(logp), 1/rows, -1/rows)} on it.
   * Legal because NLL's gradient is {@code -1/rows} at the label and 0 elsewhere, so its row sum is exactly
   * {@code -1/rows} and log-softmax's backward {@code dlogp - exp(logp)·Σ dlogp} reduces to these two
   * expressions; bit for bit equal to {@link #nllBackward} then {@link #logSoftmaxBackward}, without the
   * one-hot buffer. {@code dl} may be {@code logp}.
   */
  public static void crossEntropyBackward(float[] dl, float[] logp, int[] labels, int rows, int classes) {
    checkLabels(labels, rows, classes);
    float grad = -(1f / rows); // NLL's gradient at the label, and the row sum of NLL's gradient
    int n = rows * classes;
    int done = dl != logp ? Fast.softmaxScaled(dl, logp, n, grad) : 0;
    if (done > 0) {
      // every element as if off the label, most on vectors; then the labels' own, from logp (which dl is not)
      for (int i = done; i < n; i++) {
        dl[i] = Math.fma(-SleefFloat.exp(logp[i]), grad, 0f);
      }
      for (int r = 0; r < rows; r++) {
        int at = r * classes + labels[r];
        dl[at] = Math.fma(-SleefFloat.exp(logp[at]), grad, grad);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int row = r * classes;
      int label = labels[r];
      for (int c = 0; c < classes; c++) {
        float p = SleefFloat.exp(logp[row + c]);
        dl[row + c] = Math.fma(-p, grad, c == label ? grad : 0f);
      }
    }
  }

  /**
   * The first {@code rows} labels (a batch buffer may be longer) are class indices in {@code [0, classes)};
   * otherwise an IllegalArgumentException that starts with PyTorch's message ("Target 7 is out of bounds.")
   * and names the row. (PyTorch would skip a label of -100, its default {@code ignore_index}; chainrule has no
   * ignore index and rejects it.)
   */
  public static void checkLabels(int[] labels, int rows, int classes) {
    if (labels == null || labels.length < rows) {
      throw new IllegalArgumentException("labels must hold at least rows = " + rows + " ints, was "
          + (labels == null ? "null" : labels.length + " ints"));
    }
    for (int r = 0; r < rows; r++) {
      if (labels[r] < 0 || labels[r] >= classes) {
        throw new IllegalArgumentException("Target " + labels[r] + " is out of bounds. labels[" + r + "] (row " + r
            + ") must be a class index in [0, " + classes + "), was " + labels[r]);
      }
    }
  }

  /**
   * {@code predicted[r] = argmax_c l[r][c]}, as {@code torch.argmax(l, 1)} on CPU: the first index of the
   * largest value; a NaN counts as the largest (the first NaN wins).
   */
  public static void argmax(int[] predicted, float[] l, int rows, int classes) {
    for (int r = 0; r < rows; r++) {
      predicted[r] = argmax(l, r * classes, classes);
    }
  }

  /** The class {@link #argmax(int[], float[], int, int)} picks from {@code l[from .. from + classes]}. */
  public static int argmax(float[] l, int from, int classes) {
    int best = 0;
    float bestValue = l[from];
    for (int c = 1; c < classes && !Float.isNaN(bestValue); c++) {
      float v = l[from + c];
      if (v > bestValue || Float.isNaN(v)) {
        best = c;
        bestValue = v;
      }
    }
    return best;
  }

  /** {@code predicted[i] = a[i] > 0.5 ? 1 : 0}: the lecture's {@code (hypothesis > 0.5)} for one sigmoid output. */
  public static void sigmoidPredict(int[] predicted, float[] a, int n) {
    for (int i = 0; i < n; i++) {
      predicted[i] = a[i] > 0.5f ? 1 : 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Dropout(p), inverted like torch.nn.Dropout: in training each value is kept with probability 1 - p and
  // scaled by 1 / (1 - p); in evaluation it is the identity (generated code calls nothing there). The mask
  // lives in a caller's buffer (n floats, each 0 or the scale), written by forward and read by backward.

  /**
   * Training forward: {@code out = x·mask}, with {@code mask[i] = keep ? (float) 1 / (float) (1 - p) : 0}
   * drawn as torch's {@code bernoulli_(1 - p)} draws it from the generator: one {@code random64 = (first << 32)
   * | second} per element in memory order, {@code keep = (random64 & (2^53 - 1))·2^-53 < 1 - p} in double.
   * {@code p = 0}: {@code out = x}, {@code mask = 1}; {@code p = 1}: {@code out = x·0}, {@code mask = 0}; neither
   * draws (torch returns early). {@code out} may be {@code x}.
   */
  public static void dropoutForward(
      float[] out, float[] mask, float[] x, int n, double p, chainrule.TorchGenerator generator) {
    checkDropoutP(p);
    if (p == 0 || p == 1) {
      float only = p == 0 ? 1f : 0f;
      for (int i = 0; i < n; i++) {
        mask[i] = only;
        out[i] = x[i] * only;
      }
      return;
    }
    double keepProbability = 1 - p;
    float scale = 1f / (float) keepProbability; // torch: noise.div_(1 - p) on a float tensor
    for (int i = 0; i < n; i++) {
      double u = (generator.random64() & ((1L << 53) - 1)) * 0x1p-53;
      mask[i] = u < keepProbability ? scale : 0f;
      out[i] = x[i] * mask[i];
    }
  }

  /** {@code dx = dout·mask}: the gradient of {@code out = x·mask} for the mask forward drew. {@code dx} may be {@code dout}. */
  public static void dropoutBackward(float[] dx, float[] dout, float[] mask, int n) {
    for (int i = 0; i < n; i++) {
      dx[i] = dout[i] * mask[i];
    }
  }

  /** {@code 0 <= p <= 1}, with torch's message otherwise. */
  public static void checkDropoutP(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // BatchNorm1d(features) on a (rows × features) batch, as torch.nn.BatchNorm1d with eps = 1e-5 and
  // momentum = 0.1, float32 in PyTorch 1.13's CPU order on one thread. Layout: params[g ..] holds γ
  // (features) then β (features), like the module's parameters(); running[s ..] holds the running mean
  // (features) then the running variance (features), like its buffers. Training forward saves the batch
  // mean and 1/√(σ² + ε) (features each) for backward.

  /** {@code ε}, added to the variance under the square root. */
  public static final double BATCH_NORM_EPS = 1e-5;
  /** Weight of the new batch statistic in the running averages. */
  public static final float BATCH_NORM_MOMENTUM = 0.1f;

  /**
   * Training forward: per feature, batch mean {@code μ = Σ x / n} and biased variance {@code σ² = Σ (x - μ)² / n},
   * {@code y = γ·(x - μ)/√(σ² + ε) + β}, computed as {@code y = x·a + b} with {@code a = γ·invStd},
   * {@code b = β - μ·a}. Updates {@code running_mean = 0.9·running_mean + 0.1·μ} and
   * {@code running_var = 0.9·running_var + 0.1·Σ (x - μ)² / (n - 1)} (the unbiased variance). Saves {@code μ}
   * in {@code mean} and {@code invStd = 1/√(σ² + ε)} for {@link #batchNormBackward}. Needs {@code rows > 1}.
   * {@code y} must not be {@code x}: backward reads {@code x}.
   *
   * <p>Order of operations, as torch's channels-last path on one thread: the sums over rows are float,
   * row by row; {@code μ = (float) (sum / n)} in double; the squares are accumulated with fused
   * multiply-adds; {@code invStd = (float) (1 / √((double) (Σ (x - μ)² / n) + ε))}; the momentum is
   * {@code 0.1f} and its complement {@code 1 - 0.1f} in float; the running mean is updated in float, the running
   * variance adds {@code 0.1f·unbiased} in double to {@code (1 - 0.1f)·running_var} in float.
   */
  public static void batchNormForward(float[] y, float[] mean, float[] invStd, float[] x, float[] params,
      int gamma, float[] running, int stats, int rows, int features) {
    checkBatchNormRows(rows, features);
    float momentum = BATCH_NORM_MOMENTUM;
    float keep = 1 - momentum;
    for (int f = 0; f < features; f++) {
      float sum = 0;
      for (int r = 0; r < rows; r++) {
        sum = x[r * features + f] + sum;
      }
      float mu = (float) ((double) sum / rows);
      float squares = 0;
      for (int r = 0; r < rows; r++) {
        float d = x[r * features + f] - mu;
        squares = Math.fma(d, d, squares);
      }
      mean[f] = mu;
      invStd[f] = (float) (1 / Math.sqrt((double) (squares / rows) + BATCH_NORM_EPS));
      running[stats + f] = momentum * mu + keep * running[stats + f];
      double unbiased = squares / (float) (rows - 1);
      int v = stats + features + f;
      running[v] = (float) (momentum * unbiased + keep * running[v]);
    }
    for (int f = 0; f < features; f++) {
      normalizeFeature(y, x, f, mean[f], invStd[f], params, gamma, rows, features);
    }
  }

  /**
   * Evaluation forward: {@code y = γ·(x - running_mean)/√(running_var + ε) + β} with the running statistics,
   * as {@code y = x·a + b}, {@code a = γ·invStd}, {@code b = β - running_mean·a}, {@code invStd = 1/√(running_var + ε)}
   * all in float. Any number of rows; the running statistics do not change. {@code y} may be {@code x}.
   */
  public static void batchNormEvalForward(float[] y, float[] x, float[] params, int gamma, float[] running,
      int stats, int rows, int features) {
    float eps = (float) BATCH_NORM_EPS;
    for (int f = 0; f < features; f++) {
      float invStd = 1f / (float) Math.sqrt(running[stats + features + f] + eps);
      normalizeFeature(y, x, f, running[stats + f], invStd, params, gamma, rows, features);
    }
  }

  /**
   * Column {@code f} of {@code y = x·a + b}, {@code a = γ·invStd}, {@code b = β - μ·a}: torch's linear and
   * constant terms, {@code b} and {@code y} each one fused multiply-add as in its compiled kernel.
   */
  private static void normalizeFeature(float[] y, float[] x, int f, float mu, float invStd, float[] params,
      int gamma, int rows, int features) {
    float a = invStd * params[gamma + f];
    float b = Math.fma(-mu, a, params[gamma + features + f]);
    for (int r = 0; r < rows; r++) {
      int i = r * features + f;
      y[i] = Math.fma(x[i], a, b);
    }
  }

  /**
   * Training backward, torch's formula with {@code x̂ = (x - μ)·invStd}: {@code dβ = Σ dy},
   * {@code dγ = Σ dy·(x - μ)·invStd}, and {@code dx = (dy - Σ dy / n - (x - μ)·invStd²·Σ dy·(x - μ) / n)·invStd·γ},
   * that is {@code dx = γ·invStd·(dy - mean(dy) - x̂·mean(dy·x̂))}. Writes {@code dγ} and {@code dβ} at
   * {@code grads[gamma ..]} (same layout as params) and {@code dx} unless it is null. {@code mean} and
   * {@code invStd} are what {@link #batchNormForward} saved.
   */
  public static void batchNormBackward(float[] dx, float[] grads, float[] dy, float[] x, float[] mean,
      float[] invStd, float[] params, int gamma, int rows, int features) {
    int beta = gamma + features;
    float n = rows;
    for (int f = 0; f < features; f++) {
      float sum = 0;
      float dot = 0;
      float mu = mean[f];
      for (int r = 0; r < rows; r++) {
        int i = r * features + f;
        sum = sum + dy[i];
        dot = Math.fma(x[i] - mu, dy[i], dot);
      }
      float s = invStd[f];
      grads[gamma + f] = dot * s;
      grads[beta + f] = sum;
      if (dx == null) {
        continue;
      }
      float k = dot * s * s / n;
      float gradMean = sum / n;
      float w = params[gamma + f];
      for (int r = 0; r < rows; r++) {
        int i = r * features + f;
        dx[i] = Math.fma(-(x[i] - mu), k, dy[i] - gradMean) * s * w;
      }
    }
  }

  /** Batch statistics need two rows or more: torch's message otherwise. */
  public static void checkBatchNormRows(int rows, int features) {
    if (rows <= 1) {
      throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size ["
          + rows + ", " + features + "]: rows must be > 1 for BatchNorm1d in training, was " + rows);
    }
  }
}
