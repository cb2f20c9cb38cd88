package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code fit} of a cross-entropy network ({@code int[]} labels, {@code Adam}, a shuffled loader
 * with a short last batch) against PyTorch 1.13 on iris: reference/cross_entropy_iris.txt.
 */
class GeneratedCrossEntropyFitTest {
  private static final int BATCH = 16;
  private static final int EPOCHS = 4;

  @Test
  void shuffledIrisRunIsPyTorchsBatchByBatch() {
    ReferenceTrace data = ReferenceTrace.read("iris_standardised.txt");
    ReferenceTrace torch = ReferenceTrace.read("cross_entropy_iris.txt");
    float[] x = data.floats("x");
    int[] labels = data.ints("labels");
    int rows = (int) data.integer("rows");
    IrisNet fitted = IrisNet.create(777);
    assertArrayEquals(GeneratedFitTest.params(torch, "init"), fitted.parameters(), "create(777) is torch's initialisation");

    History history = fitted.fit(Data.labels(x, labels, rows),
        Fit.epochs(EPOCHS).batchSize(BATCH).shuffle(true).optimizer(new Adam(0.01f)).silent());

    // the same steps through trainStep on the batches PyTorch's DataLoader recorded
    IrisNet replayed = IrisNet.create(777);
    Adam adam = new Adam(0.01f);
    List<String[]> steps = torch.records("step");
    float[] replayLosses = new float[steps.size()];
    int step = 0;
    for (int e = 0; e < EPOCHS; e++) {
      String epoch = String.valueOf(e);
      String[] record = torch.records("perm").stream().filter(r -> r[0].equals(epoch)).findFirst().orElseThrow();
      int[] perm = Arrays.stream(record, 1, rows + 1).mapToInt(Integer::parseInt).toArray();
      for (int from = 0; from < rows; from += BATCH) {
        int count = Math.min(BATCH, rows - from);
        float[] xb = new float[count * 4];
        int[] lb = new int[count];
        for (int r = 0; r < count; r++) {
          System.arraycopy(x, perm[from + r] * 4, xb, r * 4, 4);
          lb[r] = labels[perm[from + r]];
        }
        assertEquals(Integer.parseInt(steps.get(step)[3]), count, "rows of step " + step);
        replayLosses[step++] = replayed.trainStep(xb, lb, count, adam);
      }
    }
    assertEquals(steps.size(), step, "the replay takes PyTorch's number of steps");
    assertArrayEquals(replayLosses, history.batchLosses(), "fit's batches are PyTorch's rows, in order: every loss");
    assertArrayEquals(replayed.parameters(), fitted.parameters(), "and the final parameters, bit for bit");

    GeneratedFitTest.assertCloseToPyTorch("generated cross-entropy fit on iris", history.batchLosses(), steps,
        fitted.parameters(), GeneratedFitTest.params(torch, "final"));

    int[] predicted = fitted.predict(x, rows);
    int correct = 0;
    for (int i = 0; i < rows; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    assertEquals(Integer.parseInt(torch.records("correct").get(0)[0]), correct, "argmax(logits) == label, as torch");
    Evaluation evaluation = fitted.evaluate(Data.labels(x, labels, rows));
    assertEquals(correct / 150f, evaluation.accuracy(), 1e-6f);
  }
}
