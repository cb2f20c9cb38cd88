package chainrule.examples.lab09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lab-10-X1's hand-written chain rule against PyTorch running the notebook on the same Fashion-MNIST files
 * (reference/lab09/mnist_backprop.py): the batches of the first loader pass (the loader's two int64 draws per
 * pass, then randperm), and {@code ½·Σ diff²} of the first steps, before each update.
 */
class MnistBackpropTest {
  private static final int STEPS = 50;

  @Test
  void firstStepsFollowPyTorch() throws IOException {
    Lab09Trace trace = Lab09Trace.of("mnist-backprop");
    MnistFiles files = MnistFiles.read(Lab09Trace.dataDir());
    double[] losses = MnistBackpropProgram.train(files, STEPS, new PrintStream(OutputStream.nullOutputStream()));
    List<String[]> steps = trace.all("step");
    double maxRelative = 0;
    for (int i = 0; i < STEPS; i++) {
      String[] step = steps.get(i);
      assertEquals("1", step[0], "step " + (i + 1) + " is in the first loader pass");
      assertEquals(String.valueOf(i + 1), step[1], "the trace's steps in order");
      double expected = Double.parseDouble(step[3]);
      double relative = Math.abs(losses[i] - expected) / expected;
      maxRelative = Math.max(maxRelative, relative);
    }
    System.out.printf("mnist-backprop: ½·Σ diff² of the first %d steps within %.3g relative of PyTorch's%n", STEPS,
        maxRelative);
    // measured 7.4e-7: rounding only (Math.exp against torch's Sleef expf, summation order), not yet amplified
    assertTrue(maxRelative < 2e-6, "the first " + STEPS + " steps within 2e-6 relative, max " + maxRelative);
  }
}
