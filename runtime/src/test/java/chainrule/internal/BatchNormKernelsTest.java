package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d against {@code reference/torch_batch_norm.txt} (torch.nn.BatchNorm1d, PyTorch 1.13.1, one thread):
 * two training steps (outputs, saved statistics, gradients, running statistics) and an evaluation forward.
 */
class BatchNormKernelsTest {
  private static final List<Reference> CASES = Reference.load("torch_batch_norm.txt");
  private static final int G = 3; // γ's offset in params, to catch kernels that ignore it
  private static final int S = 2; // the running statistics' offset

  @Test
  void trainingAndEvaluationAreBitIdenticalToTorch() {
    List<String> failures = new ArrayList<>();
    for (Reference c : CASES) {
      int rows = c.integer("rows");
      int features = c.integer("features");
      float[] params = new float[G + 2 * features];
      System.arraycopy(c.floats("gamma"), 0, params, G, features);
      System.arraycopy(c.floats("beta"), 0, params, G + features, features);
      float[] running = new float[S + 2 * features];
      System.arraycopy(c.floats("rm0"), 0, running, S, features);
      System.arraycopy(c.floats("rv0"), 0, running, S + features, features);
      for (int step = 1; step <= 2; step++) {
        float[] x = c.floats("x" + step);
        float[] y = new float[rows * features];
        float[] mean = new float[features];
        float[] invStd = new float[features];
        Kernels.batchNormForward(y, mean, invStd, x, params, G, running, S, rows, features);
        float[] grads = new float[G + 2 * features];
        float[] dx = new float[rows * features];
        Kernels.batchNormBackward(dx, grads, c.floats("dy" + step), x, mean, invStd, params, G, rows, features);
        String at = c.name() + " step " + step + " ";
        check(failures, at + "y", c.floats("y" + step), y);
        check(failures, at + "mean", c.floats("mean" + step), mean);
        check(failures, at + "invstd", c.floats("invstd" + step), invStd);
        check(failures, at + "running mean", c.floats("rm" + step), slice(running, S, features));
        check(failures, at + "running var", c.floats("rv" + step), slice(running, S + features, features));
        check(failures, at + "dx", c.floats("dx" + step), dx);
        check(failures, at + "dgamma", c.floats("dgamma" + step), slice(grads, G, features));
        check(failures, at + "dbeta", c.floats("dbeta" + step), slice(grads, G + features, features));
      }
      float[] ye = new float[rows * features];
      Kernels.batchNormEvalForward(ye, c.floats("xe"), params, G, running, S, rows, features);
      check(failures, c.name() + " eval y", c.floats("ye"), ye);
    }
    assertEquals(12, CASES.size());
    assertTrue(failures.isEmpty(), failures.size() + " differences from torch:\n" + String.join("\n", failures));
  }

  @Test
  void backwardMatchesCentralDifferencesInDouble() {
    int rows = 6;
    int features = 3;
    Random random = new Random(17);
    float[] x = new float[rows * features];
    float[] dy = new float[rows * features];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * 2 + 1);
      dy[i] = (float) random.nextGaussian();
    }
    float[] params = new float[G + 2 * features];
    for (int f = 0; f < features; f++) {
      params[G + f] = (float) (1 + random.nextGaussian() * 0.3);
      params[G + features + f] = (float) random.nextGaussian();
    }
    float[] mean = new float[features];
    float[] invStd = new float[features];
    Kernels.batchNormForward(new float[x.length], mean, invStd, x, params, G, new float[S + 2 * features], S,
        rows, features);
    float[] grads = new float[params.length];
    float[] dx = new float[x.length];
    Kernels.batchNormBackward(dx, grads, dy, x, mean, invStd, params, G, rows, features);

    double h = 1e-4;
    double maxError = 0;
    for (int i = 0; i < x.length; i++) { // d(Σ dy·y)/dx
      double[] plus = toDouble(x);
      double[] minus = toDouble(x);
      plus[i] += h;
      minus[i] -= h;
      double numeric = (objective(plus, toDouble(params), dy, rows, features)
          - objective(minus, toDouble(params), dy, rows, features)) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - dx[i]) / Math.max(1, Math.abs(numeric)));
    }
    for (int i = G; i < params.length; i++) { // d(Σ dy·y)/dγ and /dβ
      double[] plus = toDouble(params);
      double[] minus = toDouble(params);
      plus[i] += h;
      minus[i] -= h;
      double numeric = (objective(toDouble(x), plus, dy, rows, features)
          - objective(toDouble(x), minus, dy, rows, features)) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - grads[i]) / Math.max(1, Math.abs(numeric)));
    }
    // the float kernels against the exact derivative: measured 3.5e-7
    assertTrue(maxError < 2e-6, "max |analytic - numeric| / max(1, |numeric|) = " + maxError);
  }

  /** Σ dy·y with y = γ·(x - μ)/√(σ² + ε) + β, batch statistics, all in double. */
  private static double objective(double[] x, double[] params, float[] dy, int rows, int features) {
    double total = 0;
    for (int f = 0; f < features; f++) {
      double mu = 0;
      for (int r = 0; r < rows; r++) {
        mu += x[r * features + f];
      }
      mu /= rows;
      double var = 0;
      for (int r = 0; r < rows; r++) {
        var += (x[r * features + f] - mu) * (x[r * features + f] - mu);
      }
      var /= rows;
      for (int r = 0; r < rows; r++) {
        double y = params[G + f] * (x[r * features + f] - mu) / Math.sqrt(var + Kernels.BATCH_NORM_EPS)
            + params[G + features + f];
        total += dy[r * features + f] * y;
      }
    }
    return total;
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  @Test
  void oneRowInTrainingFailsLikeTorch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.batchNormForward(
        new float[5], new float[5], new float[5], new float[5], new float[10], 0, new float[10], 0, 1, 5));
    assertEquals("Expected more than 1 value per channel when training, got input size [1, 5]: "
        + "rows must be > 1 for BatchNorm1d in training, was 1", e.getMessage());
  }

  private static float[] slice(float[] values, int from, int n) {
    float[] part = new float[n];
    System.arraycopy(values, from, part, 0, n);
    return part;
  }

  private static void check(List<String> failures, String what, float[] expected, float[] actual) {
    String difference = Reference.bitDifference(expected, actual);
    if (difference != null) {
      failures.add(what + ": " + difference);
    }
  }
}
