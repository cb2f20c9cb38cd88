package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Sgd;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code fit} against the loop a user writes around {@code trainStep}, and against PyTorch.
 */
class GeneratedFitTest {

  /** lab-08_2 through {@code fit}: full batch, SGD(1), no shuffle, 10001 epochs of one step. */
  @Test
  void xorNnThroughFitIsTheHandWrittenLoopBitForBit() {
    XorNnNet fitted = XorNnNet.create(Lecture.SEED);
    History history = fitted.fit(Data.of(Lecture.X, Lecture.Y, 4), Fit.epochs(10001).optimizer(new Sgd(1f)).silent());

    XorNnNet looped = XorNnNet.create(Lecture.SEED);
    Sgd sgd = new Sgd(1f);
    float[] losses = new float[10001];
    for (int step = 0; step < losses.length; step++) {
      losses[step] = looped.trainStep(Lecture.X, Lecture.Y, 4, sgd);
    }
    assertArrayEquals(losses, history.batchLosses(), "every step's loss, bit for bit");
    assertArrayEquals(looped.parameters(), fitted.parameters(), "the final parameters, bit for bit");
    assertEquals(10001, history.epochs());
    assertArrayEquals(new int[] {0, 1, 1, 0}, fitted.predict(Lecture.X, 4), "the lecture's Correct: block");
    Evaluation evaluation = fitted.evaluate(Data.of(Lecture.X, Lecture.Y, 4));
    assertEquals(losses[10000], evaluation.loss(), 1e-4f, "the loss of the trained network");
    assertEquals(1f, evaluation.accuracy(), "Accuracy:  1.0");
  }

  @Test
  void shuffledBreastCancerRunIsPyTorchsBatchByBatch() {
    compare("bce_breast_cancer_shuffle.txt", false);
  }

  @Test
  void shuffledBreastCancerRunWithDropLastIsPyTorchsBatchByBatch() {
    compare("bce_breast_cancer_shuffle_drop_last.txt", true);
  }

  /**
   * {@code fit} with {@code shuffle(true)} on the generated 30-16-1 network, against a replay that steps
   * with {@code trainStep} on the batches PyTorch's {@code DataLoader} recorded (the trace's permutations,
   * in slices of 64): equal losses and parameters, bit for bit, show that {@code fit} took exactly those
   * rows in that order; then the losses against PyTorch's, within the trace's tolerance.
   */
  private static void compare(String file, boolean dropLast) {
    ReferenceTrace data = ReferenceTrace.read("breast_cancer_standardised.txt");
    ReferenceTrace torch = ReferenceTrace.read(file);
    float[] x = data.floats("x");
    float[] y = data.floats("y");
    int rows = (int) data.integer("rows");
    BreastCancerNet fitted = BreastCancerNet.create(777);
    assertArrayEquals(params(torch, "init"), fitted.parameters(), "create(777) is torch's initialisation");

    History history = fitted.fit(Data.of(x, y, rows),
        Fit.epochs(3).batchSize(64).shuffle(true).dropLast(dropLast).optimizer(new Sgd(0.1f)).silent());

    BreastCancerNet replayed = BreastCancerNet.create(777);
    Sgd sgd = new Sgd(0.1f);
    List<String[]> steps = torch.records("step");
    float[] replayLosses = new float[steps.size()];
    int step = 0;
    for (int e = 0; e < 3; e++) {
      String epoch = String.valueOf(e);
      String[] record = torch.records("perm").stream().filter(r -> r[0].equals(epoch)).findFirst().orElseThrow();
      int[] perm = Arrays.stream(record, 1, rows + 1).mapToInt(Integer::parseInt).toArray();
      for (int from = 0; from + (dropLast ? 64 : 1) <= rows; from += 64) {
        int count = Math.min(64, rows - from);
        float[] xb = new float[count * 30];
        float[] yb = new float[count];
        for (int r = 0; r < count; r++) {
          System.arraycopy(x, perm[from + r] * 30, xb, r * 30, 30);
          yb[r] = y[perm[from + r]];
        }
        assertEquals(Integer.parseInt(steps.get(step)[3]), count, "rows of step " + step);
        replayLosses[step++] = replayed.trainStep(xb, yb, count, sgd);
      }
    }
    assertEquals(steps.size(), step, "the replay takes PyTorch's number of steps");
    assertArrayEquals(replayLosses, history.batchLosses(), "fit's batches are PyTorch's rows, in order: every loss");
    assertArrayEquals(replayed.parameters(), fitted.parameters(), "and the final parameters, bit for bit");

    assertCloseToPyTorch("generated fit, " + file, history.batchLosses(), steps, fitted.parameters(),
        params(torch, "final"));
  }

  /**
   * Every step's loss within 5e-7 relative of PyTorch's ({@code step} records, the loss in column 4) and the
   * final parameters within 1e-6: the tolerances of the runtime's PyTorchTraceTest, which replays the same
   * traces through a hand-written network. Prints how many losses are identical.
   */
  static void assertCloseToPyTorch(String what, float[] losses, List<String[]> steps, float[] finalOurs,
      float[] finalTorch) {
    double maxRelative = 0;
    int identical = 0;
    for (int i = 0; i < steps.size(); i++) {
      float expected = Float.parseFloat(steps.get(i)[4]);
      maxRelative = Math.max(maxRelative, Math.abs(losses[i] - expected) / expected);
      identical += losses[i] == expected ? 1 : 0;
    }
    double maxParam = 0;
    for (int i = 0; i < finalOurs.length; i++) {
      maxParam = Math.max(maxParam, Math.abs(finalOurs[i] - finalTorch[i]));
    }
    System.out.printf("%s: %d of %d step losses identical to PyTorch's, max relative diff %.3g;"
        + " final params max abs diff %.3g%n", what, identical, steps.size(), maxRelative, maxParam);
    assertTrue(maxRelative < 5e-7, "step losses within 5e-7 relative of PyTorch's, max " + maxRelative);
    assertTrue(maxParam < 1e-6, "final parameters within 1e-6 of PyTorch's, max " + maxParam);
  }

  /** A trace's parameters ({@code <prefix>.0.weight} ...), in PyTorch's order, which is the network's. */
  static float[] params(ReferenceTrace trace, String prefix) {
    float[][] blocks = {trace.floats(prefix + ".0.weight"), trace.floats(prefix + ".0.bias"),
        trace.floats(prefix + ".2.weight"), trace.floats(prefix + ".2.bias")};
    float[] all = new float[Arrays.stream(blocks).mapToInt(b -> b.length).sum()];
    int at = 0;
    for (float[] block : blocks) {
      System.arraycopy(block, 0, all, at, block.length);
      at += block.length;
    }
    return all;
  }
}
