package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.examples.gradcheck.CeBatchNormNet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated training pass and backward pass through BatchNorm1d against an independent double-precision
 * reference and its central finite differences ({@code h = 1e-5}), on {@link CeBatchNormNet}: a batch norm of
 * the input (the first layer with parameters, so backward computes no input gradient), then
 * Linear → BatchNorm1d → ReLU → Linear under cross-entropy.
 *
 * <p>In training mode the loss depends on the batch statistics only, never on the running ones, so the
 * difference quotients (which re-run the reference's forward, not the network's) are unaffected by the running
 * statistics the network's training pass moves. Those are checked on their own: after one training pass,
 * {@code running = 0.9·start + 0.1·batch} with the unbiased variance. γ and β are set to random values first, so
 * that their gradients and the input gradients through them are not the trivial ones of γ = 1, β = 0.
 *
 * <p>Tolerance as in {@link GradientCheckTest}: {@code |g − fd| ≤ 1e-4 · max(|fd|, 1e-3)}; rows are redrawn until
 * every ReLU input is at least 1e-3 from its kink.
 */
class BatchNormGradientCheckTest {
  private static final int ROWS = 8;
  private static final int IN = 4;
  private static final int HIDDEN = 6;
  private static final int CLASSES = 3;
  private static final double EPS = 1e-5;
  private static final double H = 1e-5;

  // offsets in PyTorch's parameter order: bn0.weight, bn0.bias, linear1.weight, linear1.bias, bn1.weight, bn1.bias,
  // linear2.weight, linear2.bias
  private static final int G0 = 0;
  private static final int W1 = G0 + 2 * IN;
  private static final int B1 = W1 + HIDDEN * IN;
  private static final int G1 = B1 + HIDDEN;
  private static final int W2 = G1 + 2 * HIDDEN;
  private static final int B2 = W2 + CLASSES * HIDDEN;
  private static final int COUNT = B2 + CLASSES;

  @Test
  void gradientsMatchFiniteDifferencesInTrainingMode() {
    CeBatchNormNet net = CeBatchNormNet.create(7);
    assertEquals(COUNT, net.parameterCount());
    Random random = new Random(11);
    float[] params = net.parameters();
    for (int i = 0; i < 2 * IN; i++) { // γ0, β0
      params[G0 + i] = (float) (i < IN ? 0.5 + random.nextDouble() : random.nextGaussian() * 0.3);
    }
    for (int i = 0; i < 2 * HIDDEN; i++) { // γ1, β1
      params[G1 + i] = (float) (i < HIDDEN ? 0.5 + random.nextDouble() : random.nextGaussian() * 0.3);
    }
    net.setParameters(params);
    double[] theta = new double[COUNT];
    for (int i = 0; i < COUNT; i++) {
      theta[i] = params[i];
    }
    float[] x = new float[ROWS * IN];
    int[] labels = new int[ROWS];
    do {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * 2 + 1);
      }
      for (int r = 0; r < ROWS; r++) {
        labels[r] = random.nextInt(CLASSES);
      }
    } while (reluMargin(theta, x) < 1e-3);

    // a different, larger batch first: stale buffers or accumulated gradients would show
    float[] other = new float[12 * IN];
    for (int i = 0; i < other.length; i++) {
      other[i] = (float) random.nextGaussian();
    }
    net.lossAndGradients(other, new int[12], 12);
    float[] meanBefore = net.bn1.runningMean();
    float[] varBefore = net.bn1.runningVar();
    float loss = net.lossAndGradients(x, labels, ROWS);
    assertEquals(loss(theta, x, labels), loss, 1e-6 * Math.abs(loss));

    float[] grads = new float[COUNT];
    copy(grads, G0, net.bn0.weightGrad());
    copy(grads, G0 + IN, net.bn0.biasGrad());
    copy(grads, W1, net.linear1.weightGrad());
    copy(grads, B1, net.linear1.biasGrad());
    copy(grads, G1, net.bn1.weightGrad());
    copy(grads, G1 + HIDDEN, net.bn1.biasGrad());
    copy(grads, W2, net.linear2.weightGrad());
    copy(grads, B2, net.linear2.biasGrad());
    double worst = 0;
    for (int i = 0; i < COUNT; i++) {
      double saved = theta[i];
      theta[i] = saved + H;
      double plus = loss(theta, x, labels);
      theta[i] = saved - H;
      double minus = loss(theta, x, labels);
      theta[i] = saved;
      double fd = (plus - minus) / (2 * H);
      double error = Math.abs(grads[i] - fd) / Math.max(Math.abs(fd), 1e-3);
      worst = Math.max(worst, error);
      assertTrue(error <= 1e-4, "params[" + i + "]: generated " + grads[i] + ", finite difference " + fd);
    }
    System.out.printf("batch norm gradient check: %d parameters, worst relative error %.2e%n", COUNT, worst);

    // running statistics of bn1 moved once, by momentum 0.1, towards this batch's mean and unbiased variance
    double[][] l1 = linear(batchNorm(x, theta, G0, IN, null), theta, W1, B1, IN, HIDDEN);
    float[] mean = net.bn1.runningMean();
    float[] var = net.bn1.runningVar();
    for (int f = 0; f < HIDDEN; f++) {
      double mu = 0;
      for (double[] row : l1) {
        mu += row[f] / ROWS;
      }
      double squares = 0;
      for (double[] row : l1) {
        squares += (row[f] - mu) * (row[f] - mu);
      }
      assertEquals(0.9 * meanBefore[f] + 0.1 * mu, mean[f], 1e-6);
      assertEquals(0.9 * varBefore[f] + 0.1 * squares / (ROWS - 1), var[f], 1e-5 * var[f]);
    }
    // and evaluation normalises with them: forward differs from the training pass's batch statistics
    float[] logits = net.forward(x, ROWS);
    double[][] expected = evaluationLogits(theta, x, net);
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < CLASSES; c++) {
        assertEquals(expected[r][c], logits[r * CLASSES + c], 1e-5 * Math.max(1, Math.abs(expected[r][c])));
      }
    }
    assertArrayEquals(mean, net.bn1.runningMean()); // forward does not move them
  }

  private static void copy(float[] into, int offset, float[] values) {
    System.arraycopy(values, 0, into, offset, values.length);
  }

  /** Training-mode batch norm in double; with {@code running} (mean then variance, as the net's), evaluation mode. */
  private static double[][] batchNorm(float[] x, double[] theta, int gamma, int features, double[] running) {
    double[][] rows = new double[ROWS][features];
    for (int r = 0; r < ROWS; r++) {
      for (int f = 0; f < features; f++) {
        rows[r][f] = x[r * features + f];
      }
    }
    return batchNorm(rows, theta, gamma, features, running);
  }

  private static double[][] batchNorm(double[][] x, double[] theta, int gamma, int features, double[] running) {
    double[][] y = new double[x.length][features];
    for (int f = 0; f < features; f++) {
      double mu = 0;
      double variance = 0;
      if (running == null) {
        for (double[] row : x) {
          mu += row[f] / x.length;
        }
        for (double[] row : x) {
          variance += (row[f] - mu) * (row[f] - mu) / x.length;
        }
      } else {
        mu = running[f];
        variance = running[features + f];
      }
      for (int r = 0; r < x.length; r++) {
        y[r][f] = theta[gamma + f] * (x[r][f] - mu) / Math.sqrt(variance + EPS) + theta[gamma + features + f];
      }
    }
    return y;
  }

  private static double[][] linear(double[][] x, double[] theta, int w, int b, int in, int out) {
    double[][] y = new double[x.length][out];
    for (int r = 0; r < x.length; r++) {
      for (int o = 0; o < out; o++) {
        double sum = theta[b + o];
        for (int i = 0; i < in; i++) {
          sum += x[r][i] * theta[w + o * in + i];
        }
        y[r][o] = sum;
      }
    }
    return y;
  }

  private static double[][] relu(double[][] x) {
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = x[r].clone();
      for (int i = 0; i < y[r].length; i++) {
        y[r][i] = Math.max(0, y[r][i]);
      }
    }
    return y;
  }

  private static double[][] hidden(double[] theta, float[] x) {
    return batchNorm(linear(batchNorm(x, theta, G0, IN, null), theta, W1, B1, IN, HIDDEN), theta, G1, HIDDEN, null);
  }

  private static double reluMargin(double[] theta, float[] x) {
    double margin = Double.MAX_VALUE;
    for (double[] row : hidden(theta, x)) {
      for (double v : row) {
        margin = Math.min(margin, Math.abs(v));
      }
    }
    return margin;
  }

  /** Cross-entropy, the mean over rows of {@code log Σ exp(l) - l[label]}, in training mode. */
  private static double loss(double[] theta, float[] x, int[] labels) {
    double[][] logits = linear(relu(hidden(theta, x)), theta, W2, B2, HIDDEN, CLASSES);
    double sum = 0;
    for (int r = 0; r < ROWS; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : logits[r]) {
        max = Math.max(max, v);
      }
      double exp = 0;
      for (double v : logits[r]) {
        exp += Math.exp(v - max);
      }
      sum += max + Math.log(exp) - logits[r][labels[r]];
    }
    return sum / ROWS;
  }

  /** The evaluation-mode logits, with the network's running statistics. */
  private static double[][] evaluationLogits(double[] theta, float[] x, CeBatchNormNet net) {
    double[] running0 = concat(net.bn0.runningMean(), net.bn0.runningVar());
    double[] running1 = concat(net.bn1.runningMean(), net.bn1.runningVar());
    double[][] n1 = batchNorm(linear(batchNorm(x, theta, G0, IN, running0), theta, W1, B1, IN, HIDDEN), theta, G1,
        HIDDEN, running1);
    return linear(relu(n1), theta, W2, B2, HIDDEN, CLASSES);
  }

  private static double[] concat(float[] a, float[] b) {
    double[] c = new double[a.length + b.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i];
    }
    for (int i = 0; i < b.length; i++) {
      c[a.length + i] = b[i];
    }
    return c;
  }
}
