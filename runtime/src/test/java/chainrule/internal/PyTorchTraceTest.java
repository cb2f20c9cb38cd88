package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Sgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code fit} with {@code shuffle(true)} against PyTorch 1.13 running the same model on the same rows with
 * {@code DataLoader(shuffle=True)} (reference/bce_breast_cancer_shuffle*.txt): 30-16-1 ReLU/Sigmoid, BCE,
 * SGD(0.1), batch 64, 3 epochs, seed 777; with a short last batch of 57 rows, and with drop_last.
 */
class PyTorchTraceTest {
  private static final ReferenceTrace DATA = ReferenceTrace.read("breast_cancer_standardised.txt");

  @Test
  void shuffledRunWithAShortLastBatch() {
    compare("bce_breast_cancer_shuffle.txt", false);
  }

  @Test
  void shuffledRunWithDropLast() {
    compare("bce_breast_cancer_shuffle_drop_last.txt", true);
  }

  private static void compare(String file, boolean dropLast) {
    ReferenceTrace torch = ReferenceTrace.read(file);
    float[] x = DATA.floats("x");
    float[] y = DATA.floats("y");
    int rows = DATA.integer("rows");
    Map<String, Integer> rowOf = new HashMap<>();
    for (int r = 0; r < rows; r++) {
      rowOf.put(Arrays.toString(Arrays.copyOfRange(x, r * 30, r * 30 + 30)), r);
    }
    assertEquals(rows, rowOf.size(), "every row is distinct, so a batch's rows can be told apart");

    List<Integer> visited = new ArrayList<>();
    List<Integer> batchRows = new ArrayList<>();
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE).observe((batch, count) -> {
      batchRows.add(count);
      for (int r = 0; r < count; r++) {
        visited.add(rowOf.get(Arrays.toString(Arrays.copyOfRange(batch, r * 30, r * 30 + 30))));
      }
    });
    assertArrayEquals(params(torch, "init"), net.parameters(), "create(777) is torch's initialisation, bit for bit");

    History history = net.fit(Data.of(x, y, rows),
        Fit.epochs(3).batchSize(64).shuffle(true).dropLast(dropLast).optimizer(new Sgd(0.1f)).silent());

    // batch contents: the rows of every step, in order, are the recorded permutation's
    int perEpoch = dropLast ? 512 : 569;
    for (int e = 0; e < 3; e++) {
      int[] perm = Arrays.stream(torch.recordsStartingWith("perm", String.valueOf(e)).get(0), 1, 570)
          .mapToInt(Integer::parseInt).toArray();
      int[] ours = visited.subList(e * perEpoch, (e + 1) * perEpoch).stream().mapToInt(Integer::intValue).toArray();
      assertArrayEquals(Arrays.copyOf(perm, perEpoch), ours, "epoch " + e + ": rows in PyTorch's order");
    }
    List<String[]> steps = torch.records("step");
    assertEquals(steps.size(), history.batchLosses().length);
    float[] losses = history.batchLosses();
    double maxRelative = 0;
    int identical = 0;
    for (int i = 0; i < steps.size(); i++) {
      String[] step = steps.get(i);
      assertEquals(Integer.parseInt(step[3]), batchRows.get(i), "rows of step " + i);
      float expected = Float.parseFloat(step[4]);
      maxRelative = Math.max(maxRelative, Math.abs(losses[i] - expected) / expected);
      identical += losses[i] == expected ? 1 : 0;
    }
    float[] finalTorch = params(torch, "final");
    float[] finalOurs = net.parameters();
    double maxParam = 0;
    for (int i = 0; i < finalOurs.length; i++) {
      maxParam = Math.max(maxParam, Math.abs(finalOurs[i] - finalTorch[i]));
    }
    System.out.printf("%s: %d of %d step losses identical, max relative diff %.3g; final params max abs diff %.3g%n",
        file, identical, steps.size(), maxRelative, maxParam);
    assertTrue(maxRelative < 5e-7, "step losses within 5e-7 relative (measured 1.9e-7) of PyTorch's, max " + maxRelative);
    assertTrue(maxParam < 1e-6, "final parameters within 1e-6 (measured 3e-8) of PyTorch's, max " + maxParam);
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
