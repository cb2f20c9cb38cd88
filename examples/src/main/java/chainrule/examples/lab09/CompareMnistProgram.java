package chainrule.examples.lab09;

import chainrule.Optimizer;
import chainrule.TorchGenerator;
import chainrule.examples.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code compare-mnist}: the generated {@link MnistBackprop} network against {@link HandWrittenMnistBackprop},
 * lab-10-X1's chain rule written by hand, on Fashion-MNIST: the same initial parameters (the notebook's
 * {@code normal_} draws), the same batches of 10 in the notebook's loader order, 10 000 steps.
 *
 * <p>The two compute the same update by different routes. The hand-written rule has no loss: its weight
 * gradients are batch sums of {@code diff·σ'} terms, the gradient of {@code E = ½·Σ diff²}, and its bias
 * gradients batch means, {@code ∂E/∂b / n}. The generated network minimises {@code MSE = Σ diff² / (10·n)} (10
 * outputs, n rows), whose gradient is {@code ∂E/∂θ · 2 / (10·n)}. So the generated side takes
 * {@code θ -= lr_w·g} with {@code lr_w = 0.5 · 10n / 2 = 25} for the weights and {@code lr_b = lr_w / n = 2.5} for
 * the biases (the optimizer {@link ChainRuleUpdate}), and {@code E = MSE · 10n / 2}. What is left is rounding:
 * the generated backward multiplies by {@code 2 / (10n)} before the chain rule and the update by 25 after it,
 * its matrix products sum in another order, and its σ is {@code 1 / (1 + e^-x)} in double rounded once where the
 * notebook's is three float operations.
 *
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar compare-mnist
 * [--data DIR] [--steps N]}.
 */
public final class CompareMnistProgram {
  private CompareMnistProgram() {}

  /** The largest differences over the run. */
  public record Result(double maxLossDiff, double maxRelativeLossDiff, double maxParamDiff, int handCorrect,
      int generatedCorrect) {}

  public static void run(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse("compare-mnist", args, List.of("--data", "--steps"), "--data DIR, --steps N");
    int steps = options.positive("--steps", MnistBackpropProgram.STEPS, MnistBackpropProgram.MAX_STEPS);
    Result r = compare(MnistFiles.read(options.path("--data", MnistFiles.DEFAULT_DIR)), steps, out);
    out.println();
    out.printf("largest difference of ½·Σ diff² %.3g (relative %.3g), of a parameter %.3g%n", r.maxLossDiff(),
        r.maxRelativeLossDiff(), r.maxParamDiff());
    out.println("(the same update, reached through MSE's 2 / (10n) and learning rates 25 and 2.5 instead of sums, "
        + "means and 0.5: float rounding differs, and training carries the differences along)");
  }

  /** Trains both for {@code steps} steps on the same batches, printing checkpoints. */
  public static Result compare(MnistFiles files, int steps, PrintStream out) {
    int n = MnistBackpropProgram.BATCH;
    int outs = HandWrittenMnistBackprop.OUT;
    TorchGenerator generator = new TorchGenerator(MnistBackpropProgram.SEED);
    HandWrittenMnistBackprop hand = new HandWrittenMnistBackprop(generator, n);
    MnistBackpropNet generated = MnistBackpropNet.create(0);
    generated.setParameters(flat(hand));
    float lrWeights = MnistBackpropProgram.LEARNING_RATE * outs * n / 2; // 25
    Optimizer update = new ChainRuleUpdate(lrWeights, lrWeights / n);
    MnistBackpropProgram.Loader loader = new MnistBackpropProgram.Loader(files.train(), generator, n);
    float[] y = new float[n * outs];
    float[] testX = java.util.Arrays.copyOf(files.testRaw(), MnistBackpropProgram.TEST_ROWS * MnistFiles.PIXELS);
    int[] testY = java.util.Arrays.copyOf(files.testLabels(), MnistBackpropProgram.TEST_ROWS);

    out.printf("%6s  %-22s  %-22s  %-12s  %s%n", "step", "hand-written ½Σdiff²", "generated MSE·10n/2",
        "max |Δparam|", "correct of 1000 (hand, generated)");
    double maxLoss = 0;
    double maxRelative = 0;
    double maxParam = 0;
    int handCorrect = 0;
    int generatedCorrect = 0;
    for (int i = 1; i <= steps; i++) {
      loader.next();
      java.util.Arrays.fill(y, 0f);
      for (int r = 0; r < n; r++) {
        y[r * outs + loader.labels[r]] = 1f; // Y one-hot
      }
      double e = hand.step(loader.x, loader.labels, MnistBackpropProgram.LEARNING_RATE);
      double g = (double) generated.trainStep(loader.x, y, n, update) * outs * n / 2;
      maxLoss = Math.max(maxLoss, Math.abs(e - g));
      maxRelative = Math.max(maxRelative, Math.abs(e - g) / Math.max(e, Double.MIN_NORMAL));
      boolean checkpoint = i == 1 || i == 10 || i == 100 || i % 1000 == 0 || i == steps;
      if (checkpoint) {
        double d = maxDifference(flat(hand), generated.parameters());
        maxParam = Math.max(maxParam, d);
        handCorrect = hand.correct(testX, testY, MnistBackpropProgram.TEST_ROWS);
        generatedCorrect = correct(generated, testX, testY);
        out.printf("%6d  %-22s  %-22s  %-12.3g  %d, %d%n", i, e, g, d, handCorrect, generatedCorrect);
      }
    }
    return new Result(maxLoss, maxRelative, maxParam, handCorrect, generatedCorrect);
  }

  private static int correct(MnistBackpropNet net, float[] x, int[] labels) {
    int[] predicted = Notebook.argmax(net.forward(x, labels.length), labels.length);
    int correct = 0;
    for (int r = 0; r < labels.length; r++) {
      correct += predicted[r] == labels[r] ? 1 : 0;
    }
    return correct;
  }

  /** The hand-written parameters in the generated layout: w1ᵀ (30 × 784), b1, w2ᵀ (10 × 30), b2. */
  static float[] flat(HandWrittenMnistBackprop hand) {
    int in = HandWrittenMnistBackprop.IN;
    int hidden = HandWrittenMnistBackprop.HIDDEN;
    int outs = HandWrittenMnistBackprop.OUT;
    float[] p = new float[hidden * in + hidden + outs * hidden + outs];
    int at = 0;
    for (int j = 0; j < hidden; j++) {
      for (int k = 0; k < in; k++) {
        p[at++] = hand.w1[k * hidden + j];
      }
    }
    for (float v : hand.b1) {
      p[at++] = v;
    }
    for (int j = 0; j < outs; j++) {
      for (int k = 0; k < hidden; k++) {
        p[at++] = hand.w2[k * outs + j];
      }
    }
    for (float v : hand.b2) {
      p[at++] = v;
    }
    return p;
  }

  static double maxDifference(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
    }
    return worst;
  }

  /**
   * {@code θ = θ - lr·g} with one rate for the weights and another for the biases of the 784-30-10 layout
   * (w1 30 × 784, b1 30, w2 10 × 30, b2 10): the hand-written rule's sums and means, from MSE's gradient.
   */
  static final class ChainRuleUpdate implements Optimizer {
    private static final int B1 = 30 * 784;
    private static final int W2 = B1 + 30;
    private static final int B2 = W2 + 10 * 30;
    private static final int END = B2 + 10;
    private final float lrWeights;
    private final float lrBiases;

    ChainRuleUpdate(float lrWeights, float lrBiases) {
      this.lrWeights = lrWeights;
      this.lrBiases = lrBiases;
    }

    @Override
    public void step(float[] params, float[] grads) {
      if (params.length != END || grads.length != END) {
        throw new IllegalArgumentException("params and grads must have the 784-30-10 layout's " + END
            + " values, have " + params.length + " and " + grads.length);
      }
      for (int i = 0; i < END; i++) {
        boolean bias = (i >= B1 && i < W2) || i >= B2;
        params[i] = params[i] - (bias ? lrBiases : lrWeights) * grads[i];
      }
    }
  }
}
