package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy, log-softmax, NLL and argmax against {@code reference/torch_cross_entropy.txt} (PyTorch 1.13.1,
 * CPU, one thread): loss, log-probabilities and gradients bit for bit; the fused backward against the plain
 * chain; the gradient against central differences in double.
 */
class CrossEntropyKernelsTest {
  private static final List<Reference> CASES = Reference.load("torch_cross_entropy.txt");

  @Test
  void lossLogProbabilitiesAndGradientsAreBitIdenticalToTorch() {
    List<String> failures = new ArrayList<>();
    for (Reference c : CASES) {
      int rows = c.integer("rows");
      int classes = c.integer("classes");
      float[] logits = c.floats("logits");
      int[] labels = c.ints("labels");

      float[] logp = new float[rows * classes];
      float loss = Kernels.crossEntropyForward(logp, logits, labels, rows, classes);
      float[] grad = new float[rows * classes];
      Kernels.crossEntropyBackward(grad, logp, labels, rows, classes);
      int[] predicted = new int[rows];
      Kernels.argmax(predicted, logits, rows, classes);

      check(failures, c.name() + " logp", Reference.bitDifference(c.floats("logp"), logp));
      check(failures, c.name() + " loss", Reference.bitDifference(c.floats("loss"), new float[] {loss}));
      check(failures, c.name() + " grad", Reference.bitDifference(c.floats("grad"), grad));
      if (!Arrays.equals(c.ints("argmax"), predicted)) {
        failures.add(c.name() + " argmax differs");
      }
    }
    assertTrue(CASES.size() >= 35, "read " + CASES.size() + " cases");
    assertTrue(failures.isEmpty(), failures.size() + " differences from torch:\n" + String.join("\n", failures));
  }

  @Test
  void fusedBackwardEqualsNllBackwardThenLogSoftmaxBackwardBitForBit() {
    for (Reference c : CASES) {
      int rows = c.integer("rows");
      int classes = c.integer("classes");
      int[] labels = c.ints("labels");
      float[] logp = c.floats("logp");
      float[] fused = new float[rows * classes];
      Kernels.crossEntropyBackward(fused, logp, labels, rows, classes);
      float[] plain = new float[rows * classes];
      Kernels.nllBackward(plain, labels, rows, classes);
      Kernels.logSoftmaxBackward(plain, plain, logp, rows, classes);
      assertArrayEquals(plain, fused, c.name());
    }
  }

  @Test
  void fusedBackwardOnABatchOfVectorsEqualsThePlainChainAliasedOrNot() {
    // 37 × 10: 370 values, a tail after the last whole vector with labels in it, so that on the vector path
    // (runtime/pom.xml's vector-at-once execution) the vectors, the tail and the labels' fix-up all count
    Random random = new Random(11);
    int rows = 37;
    int classes = 10;
    float[] logits = new float[rows * classes];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian() * 8;
    }
    logits[3] = 200f; // a row whose other classes' exp underflow to 0
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = random.nextInt(classes);
    }
    labels[rows - 1] = classes - 1; // the very last value
    float[] logp = new float[logits.length];
    Kernels.crossEntropyForward(logp, logits, labels, rows, classes);
    float[] plain = new float[logits.length];
    Kernels.nllBackward(plain, labels, rows, classes);
    Kernels.logSoftmaxBackward(plain, plain, logp, rows, classes);

    float[] fused = new float[logits.length];
    Kernels.crossEntropyBackward(fused, logp, labels, rows, classes);
    assertArrayEquals(plain, fused, "dl apart from logp");
    float[] aliased = logp.clone();
    Kernels.crossEntropyBackward(aliased, aliased, labels, rows, classes);
    assertArrayEquals(plain, aliased, "dl = logp");
  }

  @Test
  void gradientMatchesCentralDifferencesInDouble() {
    Random random = new Random(7);
    int rows = 6;
    int classes = 5;
    float[] logits = new float[rows * classes];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) random.nextGaussian() * 2;
    }
    int[] labels = {0, 4, 2, 2, 1, 3};
    float[] logp = new float[logits.length];
    Kernels.crossEntropyForward(logp, logits, labels, rows, classes);
    float[] grad = new float[logits.length];
    Kernels.crossEntropyBackward(grad, logp, labels, rows, classes);
    double h = 1e-4;
    double maxError = 0;
    for (int i = 0; i < logits.length; i++) {
      double[] plus = toDouble(logits);
      double[] minus = toDouble(logits);
      plus[i] += h;
      minus[i] -= h;
      double numeric = (crossEntropyInDouble(plus, labels, rows, classes)
          - crossEntropyInDouble(minus, labels, rows, classes)) / (2 * h);
      maxError = Math.max(maxError, Math.abs(numeric - grad[i]));
    }
    assertTrue(maxError < 1e-6, "max |analytic - numeric| = " + maxError);
  }

  @Test
  void torchsLossAndSoOursIsWithinFourUlpsOfTheLossInDouble() {
    long maxUlps = 0;
    String worst = "";
    for (Reference c : CASES) {
      int rows = c.integer("rows");
      int classes = c.integer("classes");
      double exact = crossEntropyInDouble(toDouble(c.floats("logits")), c.ints("labels"), rows, classes);
      if (!Float.isFinite(c.scalar("loss"))) {
        continue; // "huge": 3e38 - (-3e38) overflows float, in torch as here; the double loss is finite
      }
      long ulps = Reference.ulps((float) exact, c.scalar("loss"));
      if (ulps > maxUlps) {
        maxUlps = ulps;
        worst = c.name();
      }
    }
    // measured: 3 ulps at most (random_1x2), most cases 0 or 1
    assertTrue(maxUlps <= 4, "torch's loss is at most " + maxUlps + " ulps from the double-precision loss (" + worst + ")");
  }

  @Test
  void labelsOutOfRangeFailLikePyTorchNamingTheRow() {
    float[] logits = new float[4 * 3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kernels.crossEntropyForward(new float[12], logits, new int[] {0, 1, 7, 2}, 4, 3));
    assertEquals("Target 7 is out of bounds. labels[2] (row 2) must be a class index in [0, 3), was 7", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Kernels.crossEntropyBackward(new float[12], logits, new int[] {-1, 1, 0, 2}, 4, 3));
    assertEquals("Target -1 is out of bounds. labels[0] (row 0) must be a class index in [0, 3), was -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Kernels.crossEntropyForward(new float[12], logits, new int[] {0, 1, 2}, 4, 3));
    assertEquals("labels must hold at least rows = 4 ints, was 3 ints", e.getMessage());
  }

  @Test
  void argmaxTakesTheFirstOfEqualValuesAndTheFirstNaN() {
    float nan = Float.NaN;
    float[] l = {1, 3, 3, 0, /**/ 2, 2, 2, 2, /**/ 1, nan, 3, nan, /**/ -5, -4, -4, -9};
    int[] predicted = new int[4];
    Kernels.argmax(predicted, l, 4, 4);
    assertArrayEquals(new int[] {1, 0, 1, 1}, predicted); // torch.argmax on CPU gives the same
  }

  @Test
  void sigmoidPredictIsGreaterThanOneHalf() {
    int[] predicted = new int[4];
    Kernels.sigmoidPredict(predicted, new float[] {0.2f, 0.5f, Math.nextUp(0.5f), 0.99f}, 4);
    assertArrayEquals(new int[] {0, 0, 1, 1}, predicted);
  }

  private static void check(List<String> failures, String what, String difference) {
    if (difference != null) {
      failures.add(what + ": " + difference);
    }
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  /** mean_r(log Σ_c e^(l[r][c]) - l[r][label]), in double with the max subtracted. */
  static double crossEntropyInDouble(double[] l, int[] labels, int rows, int classes) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, l[r * classes + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(l[r * classes + c] - max);
      }
      total += max + Math.log(sum) - l[r * classes + labels[r]];
    }
    return total / rows;
  }
}
