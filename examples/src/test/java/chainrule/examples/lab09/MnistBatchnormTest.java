package chainrule.examples.lab09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Net;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code mnist-batchnorm} against PyTorch 1.13 running lab-09_6 on the same Fashion-MNIST files
 * ({@code reference/lab09/mnist_batchnorm.py}, trace {@code /reference/lab09/mnist-batchnorm.txt}): both models'
 * initial parameters bit for bit (the second model's drawn after the first's from one generator), the shuffles
 * of the training pass and of the evaluation pass (first batch's labels), every step loss of epoch 1 for both
 * models, and the four means epoch 1 prints, each within a measured tolerance.
 *
 * <p>Why tolerances: as in {@link Lab09ProgramsTest}, chainrule's matrix products sum in another order than
 * torch's BLAS, and Adam (here with lr 0.01, ten times the other notebooks') turns gradient rounding into parameter
 * differences that training carries along. Measured on this data (the README's "The lecture's next chapter"),
 * with a margin of about two.
 */
class MnistBatchnormTest {
  static final String[] BN_TENSORS = {"linear1.weight", "linear1.bias", "bn1.weight", "bn1.bias", "linear2.weight",
      "linear2.bias", "bn2.weight", "bn2.bias", "linear3.weight", "linear3.bias"};
  static final int[] BN_SIZES = {784 * 32, 32, 32, 32, 32 * 32, 32, 32, 32, 32 * 10, 10};
  static final String[] NN_TENSORS = {"nn_linear1.weight", "nn_linear1.bias", "nn_linear2.weight", "nn_linear2.bias",
      "nn_linear3.weight", "nn_linear3.bias"};
  static final int[] NN_SIZES = {784 * 32, 32, 32 * 32, 32, 32 * 10, 10};

  /** Steps of epoch 1 whose losses must agree within 1e-6 relative, per model, before the differences grow. */
  static final int TIGHT_STEPS = 10;
  static final double TIGHT = 1e-6;
  /**
   * bn_model: every one of the 1875 step losses of epoch 1 within this (measured 1.1e-5; 159 bit-identical).
   * The batch statistics pull each step back towards torch's.
   */
  static final double BN_STEP_TOLERANCE = 3e-5;
  /**
   * nn_model: the first 1400 step losses within this (measured 3.4e-5). Between steps 1400 and 1500 the plain
   * net's run leaves torch's (relative 0.85 by step 1500): Adam at lr 0.01 amplifies the rounding differences
   * until the two runs take different paths, so later steps are not compared one by one.
   */
  static final int NN_CLOSE_STEPS = 1400;
  static final double NN_STEP_TOLERANCE = 1e-4;
  /**
   * The means epoch 1 prints for bn_model (measured: loss 3.3e-4, accuracy 5.9e-5 on TRAIN, loss 3.3e-4 and
   * accuracy equal on VALID). Larger than the step differences because evaluation normalises by the running
   * means, which follow linear1/linear2's biases; those biases only ever get rounding noise as gradient (a batch
   * norm cancels them), Adam scales that noise to about lr per step, and so they, and the running means, wander
   * apart from torch's (running means measured up to 0.2 apart in absolute value, running variances 1.6e-5
   * relative).
   */
  static final double BN_MEAN_TOLERANCE = 1e-3;
  /** nn_model's printed means, after its run left torch's (measured: loss 8.5e-2, accuracy 1.1e-2). */
  static final double NN_MEAN_TOLERANCE = 0.2;

  @Test
  void initialParametersAreTorchsBitForBit() {
    Lab09Trace trace = Lab09Trace.of("mnist-batchnorm");
    MnistBatchnormProgram.Models models = MnistBatchnormProgram.Models.create();
    checkInit(trace, models.bn(), BN_TENSORS, BN_SIZES);
    checkInit(trace, models.nn(), NN_TENSORS, NN_SIZES);
    // the running statistics start at mean 0, variance 1, as the trace's init records say
    assertEquals(Lab09Trace.sha256(new float[32], 0, 32), trace.initSha256("bn1.running_mean"));
    assertArrayEquals(new float[32], models.bn().bn1.runningMean());
    float[] ones = new float[32];
    Arrays.fill(ones, 1f);
    assertEquals(Lab09Trace.sha256(ones, 0, 32), trace.initSha256("bn2.running_var"));
    assertArrayEquals(ones, models.bn().bn2.runningVar());
  }

  private static void checkInit(Lab09Trace trace, Net net, String[] tensors, int[] sizes) {
    float[] params = net.parameters();
    int offset = 0;
    for (int t = 0; t < tensors.length; t++) {
      assertEquals(trace.initSha256(tensors[t]), Lab09Trace.sha256(params, offset, sizes[t]),
          "SHA-256 of the initial " + tensors[t]);
      offset += sizes[t];
    }
    assertEquals(params.length, offset, "parameter count");
  }

  @Test
  void firstEpochFollowsTorch() throws IOException {
    Lab09Trace trace = Lab09Trace.of("mnist-batchnorm");
    MnistFiles files = MnistFiles.read(Lab09Trace.dataDir());
    MnistBatchnormProgram.Result result = MnistBatchnormProgram.run(MnistBatchnormProgram.Models.create(), files, 1,
        0, Lab09ProgramsTest.NOWHERE);

    assertArrayEquals(labels(trace, "batch-labels"), result.firstBatchLabels()[0], "training pass's first batch");
    assertArrayEquals(labels(trace, "eval-batch-labels"), result.evalBatchLabels()[0],
        "evaluation pass's first batch (the train loader reshuffled after the epoch)");

    checkSteps("bn_model", result.bnSteps(), steps(trace, "bn-step"), 1875, BN_STEP_TOLERANCE);
    checkSteps("nn_model", result.nnSteps(), steps(trace, "nn-step"), NN_CLOSE_STEPS, NN_STEP_TOLERANCE);

    MnistBatchnormProgram.Means train = result.train()[0];
    MnistBatchnormProgram.Means valid = result.valid()[0];
    checkMean("bn TRAIN loss", train.bnLoss(), mean(trace, "bn-train", 1), BN_MEAN_TOLERANCE);
    checkMean("bn TRAIN acc", train.bnAcc(), mean(trace, "bn-train", 3), BN_MEAN_TOLERANCE);
    checkMean("bn VALID loss", valid.bnLoss(), mean(trace, "bn-valid", 1), BN_MEAN_TOLERANCE);
    checkMean("bn VALID acc", valid.bnAcc(), mean(trace, "bn-valid", 3), BN_MEAN_TOLERANCE);
    checkMean("nn TRAIN loss", train.nnLoss(), mean(trace, "nn-train", 1), NN_MEAN_TOLERANCE);
    checkMean("nn TRAIN acc", train.nnAcc(), mean(trace, "nn-train", 3), NN_MEAN_TOLERANCE);
    checkMean("nn VALID loss", valid.nnLoss(), mean(trace, "nn-valid", 1), NN_MEAN_TOLERANCE);
    checkMean("nn VALID acc", valid.nnAcc(), mean(trace, "nn-valid", 3), NN_MEAN_TOLERANCE);
  }

  /** Every step within {@link #TIGHT} up to {@link #TIGHT_STEPS}, within {@code tolerance} up to {@code close}. */
  private static void checkSteps(String model, float[] actual, float[] expected, int close, double tolerance) {
    assertEquals(expected.length, actual.length, model + ": steps of epoch 1");
    double worst = 0;
    int worstStep = 0;
    int identical = 0;
    StringBuilder growth = new StringBuilder();
    for (int i = 0; i < actual.length; i++) {
      double d = Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]);
      identical += actual[i] == expected[i] ? 1 : 0;
      if (d > worst && i < close) {
        worst = d;
        worstStep = i + 1;
      }
      if (List.of(1, 10, 100, 500, 1000, 1400, 1500, 1875).contains(i + 1)) {
        growth.append(String.format(Locale.ROOT, " %d: %.1e", i + 1, d));
      }
      if (i < TIGHT_STEPS) {
        assertTrue(d <= TIGHT, model + ": step " + (i + 1) + " loss " + actual[i] + " vs torch " + expected[i]
            + ", relative " + d + " exceeds " + TIGHT);
      }
    }
    System.out.printf(Locale.ROOT, "mnist-batchnorm %s: %d steps, %d bit-identical to torch; largest relative "
        + "difference at step%s; largest up to step %d: %.2e%n", model, actual.length, identical, growth, close,
        worst);
    assertEquals(expected[0], actual[0], model + ": the first step's loss, bit for bit");
    assertTrue(worst <= tolerance, model + ": largest relative step difference " + worst + " at step " + worstStep
        + " (first " + close + " steps) exceeds " + tolerance);
  }

  private static void checkMean(String what, float actual, float expected, double tolerance) {
    double d = Math.abs(actual - expected) / Math.abs(expected);
    System.out.printf(Locale.ROOT, "mnist-batchnorm epoch 1 %s: %s vs torch %s (relative %.2e)%n", what,
        actual, expected, d);
    assertTrue(d <= tolerance, what + " " + actual + " vs torch " + expected + ", relative " + d + " exceeds "
        + tolerance);
  }

  private static int[] labels(Lab09Trace trace, String kind) {
    String[] r = trace.get(kind, "1"); // epoch 1, then the batch number, then the labels
    return Arrays.stream(r, 2, r.length).mapToInt(Integer::parseInt).toArray();
  }

  private static float[] steps(Lab09Trace trace, String kind) {
    List<String[]> records = trace.all(kind);
    float[] losses = new float[records.size()];
    for (int i = 0; i < losses.length; i++) {
      if (Integer.parseInt(records.get(i)[1]) != i + 1) {
        throw new IllegalStateException(kind + " records out of order at " + i);
      }
      losses[i] = Float.parseFloat(records.get(i)[2]);
    }
    return losses;
  }

  /** Field {@code field} (1: loss hex, 3: accuracy hex) of {@code kind}'s epoch-1 record. */
  private static float mean(Lab09Trace trace, String kind, int field) {
    return Float.parseFloat(trace.get(kind, "1")[field]);
  }
}
