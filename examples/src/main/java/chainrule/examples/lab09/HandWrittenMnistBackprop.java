package chainrule.examples.lab09;

import chainrule.TorchGenerator;
import chainrule.internal.TorchInit;

/**
 * lab-10-X1's network and its chain rule, written by hand as the notebook writes them in torch tensors, one line
 * per tensor expression, in plain Java loops with torch's CPU semantics (float32; matrix products summed in index
 * order from zero, multiply then add, as the reference BLAS {@code sgemm} does; {@code torch.add} of the bias after
 * the product; a mean over the batch as a sum then a division):
 *
 * <pre>
 * l1 = X·w1 + b1        a1 = σ(l1)        l2 = a1·w2 + b2        y_pred = σ(l2)        diff = y_pred - Y
 * d_l2 = diff * σ'(l2)   d_b2 = d_l2        d_w2 = a1ᵀ·d_l2
 * d_a1 = d_l2·w2ᵀ        d_l1 = d_a1 * σ'(l1)   d_b1 = d_l1   d_w1 = Xᵀ·d_l1
 * w1 -= lr·d_w1   b1 -= lr·mean(d_b1, 0)   w2 -= lr·d_w2   b2 -= lr·mean(d_b2, 0)
 * </pre>
 *
 * with {@code σ(x) = 1.0 / (1.0 + exp(-x))} and {@code σ'(x) = σ(x)·(1 - σ(x))} evaluated again from {@code l}.
 * The weight updates use the batch's sums and the bias updates its means: the gradient of {@code ½·Σ diff²} for
 * the weights and of {@code ½·Σ diff² / n} for the biases. The weights are stored {@code in × out}, as the notebook
 * stores them ({@code X·w1}), not {@code out × in} like {@code nn.Linear}.
 *
 * <p>One deviation from torch's bits: torch's float {@code exp} is Sleef's vectorised {@code expf} (within 1 ulp);
 * here it is {@code (float) Math.exp}, correctly rounded, so σ may differ in its last bit.
 */
public final class HandWrittenMnistBackprop {
  public static final int IN = 784;
  public static final int HIDDEN = 30;
  public static final int OUT = 10;

  public final float[] w1 = new float[IN * HIDDEN]; // (784, 30), in × out
  public final float[] b1 = new float[HIDDEN]; // (30)
  public final float[] w2 = new float[HIDDEN * OUT]; // (30, 10)
  public final float[] b2 = new float[OUT]; // (10)

  private final int batch;
  private final float[] l1;
  private final float[] a1;
  private final float[] l2;
  private final float[] yPred;
  private final float[] diff;
  private final float[] dL2;
  private final float[] dW2 = new float[HIDDEN * OUT];
  private final float[] dA1;
  private final float[] dL1;
  private final float[] dW1 = new float[IN * HIDDEN];

  /**
   * The notebook's parameters: {@code torch.Tensor(...)} draws nothing, then {@code normal_} on w1, b1, w2, b2 in
   * that order from {@code generator} (b2's 10 values by torch's scalar path, the others 16 at a time).
   */
  public HandWrittenMnistBackprop(TorchGenerator generator, int batch) {
    TorchInit init = new TorchInit(generator);
    init.normal(w1, 0, w1.length, 0, 1);
    init.normal(b1, 0, b1.length, 0, 1);
    init.normal(w2, 0, w2.length, 0, 1);
    init.normal(b2, 0, b2.length, 0, 1);
    this.batch = batch;
    l1 = new float[batch * HIDDEN];
    a1 = new float[batch * HIDDEN];
    l2 = new float[batch * OUT];
    yPred = new float[batch * OUT];
    diff = new float[batch * OUT];
    dL2 = new float[batch * OUT];
    dA1 = new float[batch * HIDDEN];
    dL1 = new float[batch * HIDDEN];
  }

  /** {@code sigma(x) = 1.0 / (1.0 + torch.exp(-x))}, in float. */
  static float sigma(float x) {
    return 1f / (1f + (float) Math.exp(-x));
  }

  /** {@code sigma_prime(x) = sigma(x) * (1 - sigma(x))}. */
  static float sigmaPrime(float x) {
    return sigma(x) * (1f - sigma(x));
  }

  /**
   * One step of the notebook's loop on {@code x} ({@code batch × 784}) and its labels; returns {@code ½·Σ diff²}
   * before the update, summed in double (the quantity whose gradient the chain rule computes; the notebook
   * does not print it).
   */
  public double step(float[] x, int[] labels, float learningRate) {
    forward(x, batch);
    double halfSquaredError = 0;
    for (int r = 0; r < batch; r++) {
      for (int j = 0; j < OUT; j++) {
        float y = labels[r] == j ? 1f : 0f; // Y one-hot
        diff[r * OUT + j] = yPred[r * OUT + j] - y;
        halfSquaredError += (double) diff[r * OUT + j] * diff[r * OUT + j];
      }
    }
    // Back prop (chain rule)
    for (int i = 0; i < batch * OUT; i++) {
      dL2[i] = diff[i] * sigmaPrime(l2[i]); // d_l2 = diff * sigma_prime(l2)
    }
    matmulTransposedLeft(dW2, a1, dL2, batch, HIDDEN, OUT); // d_w2 = a1ᵀ·d_l2
    for (int r = 0; r < batch; r++) { // d_a1 = d_l2·w2ᵀ
      for (int i = 0; i < HIDDEN; i++) {
        float s = 0f;
        for (int j = 0; j < OUT; j++) {
          s += dL2[r * OUT + j] * w2[i * OUT + j];
        }
        dA1[r * HIDDEN + i] = s;
      }
    }
    for (int i = 0; i < batch * HIDDEN; i++) {
      dL1[i] = dA1[i] * sigmaPrime(l1[i]); // d_l1 = d_a1 * sigma_prime(l1)
    }
    matmulTransposedLeft(dW1, x, dL1, batch, IN, HIDDEN); // d_w1 = Xᵀ·d_l1

    // w = w - lr * d_w (the sums); b = b - lr * mean(d_b, 0) (the means)
    for (int i = 0; i < w1.length; i++) {
      w1[i] = w1[i] - learningRate * dW1[i];
    }
    updateBias(b1, dL1, HIDDEN, learningRate);
    for (int i = 0; i < w2.length; i++) {
      w2[i] = w2[i] - learningRate * dW2[i];
    }
    updateBias(b2, dL2, OUT, learningRate);
    return 0.5 * halfSquaredError;
  }

  /** {@code b = b - lr * torch.mean(d_b, 0)}: the batch's column sums (a plain loop below 16 rows), / rows. */
  private void updateBias(float[] b, float[] db, int width, float learningRate) {
    for (int j = 0; j < width; j++) {
      float sum = 0f;
      for (int r = 0; r < batch; r++) {
        sum += db[r * width + j];
      }
      b[j] = b[j] - learningRate * (sum / batch);
    }
  }

  /** The forward pass on {@code rows} rows (at most the batch size): leaves {@code y_pred} in {@link #yPred}. */
  private void forward(float[] x, int rows) {
    linearSigma(l1, a1, x, w1, b1, rows, IN, HIDDEN);
    linearSigma(l2, yPred, a1, w2, b2, rows, HIDDEN, OUT);
  }

  /** {@code l = torch.add(torch.matmul(x, w), b)}, {@code a = sigma(l)}. */
  private static void linearSigma(float[] l, float[] a, float[] x, float[] w, float[] b, int rows, int ins,
      int outs) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < outs; j++) {
        float s = 0f;
        for (int k = 0; k < ins; k++) {
          s += x[r * ins + k] * w[k * outs + j];
        }
        l[r * outs + j] = s + b[j];
        a[r * outs + j] = sigma(l[r * outs + j]);
      }
    }
  }

  /** {@code c = aᵀ·g}: {@code c[i][j] = Σ_r a[r][i]·g[r][j]}, r in order. */
  private static void matmulTransposedLeft(float[] c, float[] a, float[] g, int rows, int m, int n) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int r = 0; r < rows; r++) {
          s += a[r * m + i] * g[r * n + j];
        }
        c[i * n + j] = s;
      }
    }
  }

  /**
   * The notebook's test every 1000 steps: how many of {@code rows} images ({@code x}, raw pixels in the
   * notebook) the network classifies right, {@code (torch.argmax(y_pred, 1) == Y_test).sum()}.
   */
  public int correct(float[] x, int[] labels, int rows) {
    float[] l = new float[rows * HIDDEN];
    float[] a = new float[rows * HIDDEN];
    float[] lOut = new float[rows * OUT];
    float[] y = new float[rows * OUT];
    linearSigma(l, a, x, w1, b1, rows, IN, HIDDEN);
    linearSigma(lOut, y, a, w2, b2, rows, HIDDEN, OUT);
    int[] predicted = Notebook.argmax(y, rows);
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      correct += predicted[r] == labels[r] ? 1 : 0;
    }
    return correct;
  }
}
