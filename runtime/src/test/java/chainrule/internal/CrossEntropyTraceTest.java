package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driver with class labels and Adam, against PyTorch 1.13 (reference/cross_entropy_iris.txt): iris,
 * 4-8-3 ReLU, {@code CrossEntropyLoss}, {@code Adam(lr=0.01)}, batch 16 shuffled, 4 epochs, seed 777. The
 * test network's cross-entropy is a plain version (sums in double), so losses agree to a tolerance, not
 * bit for bit; the order of the rows, the batch sizes and the Adam update are PyTorch's.
 */
class CrossEntropyTraceTest {
  @Test
  void shuffledAdamRunFollowsPyTorch() {
    ReferenceTrace data = ReferenceTrace.read("iris_standardised.txt");
    ReferenceTrace torch = ReferenceTrace.read("cross_entropy_iris.txt");
    HandSoftmaxNet net = new HandSoftmaxNet(777, 4, 8, 3);
    assertArrayEquals(PyTorchTraceTest.params(torch, "init"), net.params);
    History history = net.fit(Data.labels(data.floats("x"), data.ints("labels"), 150),
        Fit.epochs(4).batchSize(16).shuffle(true).optimizer(new Adam(0.01f)).silent());
    List<String[]> steps = torch.records("step");
    float[] losses = history.batchLosses();
    assertEquals(40, steps.size());
    assertEquals(40, losses.length);
    double maxRelative = 0;
    int identical = 0;
    for (int i = 0; i < losses.length; i++) {
      float expected = Float.parseFloat(steps.get(i)[4]);
      maxRelative = Math.max(maxRelative, Math.abs(losses[i] - expected) / expected);
      identical += losses[i] == expected ? 1 : 0;
    }
    float[] finalTorch = PyTorchTraceTest.params(torch, "final");
    double maxParam = 0;
    for (int i = 0; i < finalTorch.length; i++) {
      maxParam = Math.max(maxParam, Math.abs(net.params[i] - finalTorch[i]));
    }
    System.out.printf("cross_entropy_iris: %d of 40 step losses identical, max relative diff %.3g; "
        + "final params max abs diff %.3g%n", identical, maxRelative, maxParam);
    assertTrue(maxRelative < 5e-7, "step losses within 5e-7 relative (measured 1.5e-7) of PyTorch's, max " + maxRelative);
    assertTrue(maxParam < 1e-6, "final parameters within 1e-6 (measured 1.2e-7) of PyTorch's, max " + maxParam);
  }
}
