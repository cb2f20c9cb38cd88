package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.Sgd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated BatchNorm1d network against PyTorch 1.13 ({@code reference/batchnorm_adam.py}, one thread):
 * lab-09_6's 784-32-32-10 with batch norms, three Adam(0.01) steps on fixed batches of 100 rows of the script's
 * LCG data, then the running statistics and the evaluation-mode loss; and the running statistics through a
 * checkpoint.
 */
class BatchNormTorchTest {
  private static final int ROWS = 300;
  private static final int INPUTS = 784;

  @TempDir Path dir;

  @Test
  void followsTorchThroughThreeAdamStepsAndEvaluation() throws IOException {
    Map<String, float[]> torch = reference();
    float[] x = new float[ROWS * INPUTS];
    int[] labels = new int[ROWS];
    data(x, labels);
    Lab096SmallNet net = Lab096SmallNet.create(1);
    Adam adam = new Adam(0.01f);
    double worstLoss = 0;
    double worstBias = 0;
    for (int step = 0; step < 3; step++) {
      float[] batch = java.util.Arrays.copyOfRange(x, step * 100 * INPUTS, (step + 1) * 100 * INPUTS);
      int[] y = java.util.Arrays.copyOfRange(labels, step * 100, (step + 1) * 100);
      float cost = net.trainStep(batch, y, 100, adam);
      float expected = torch.get("loss " + step)[0];
      worstLoss = Math.max(worstLoss, Math.abs(cost - expected) / expected);
      // The Linears' biases before the batch norms have a true gradient of 0 (the norm subtracts them): their
      // float gradients are rounding noise, which Adam scales into steps of about lr, so they drift apart from
      // torch's (measured 1.08e-2 over three steps; they move the running means by about 0.1 of that) while
      // no training loss sees them.
      // Copy torch's, so that the running means and the evaluation loss compare the batch norm itself.
      worstBias = Math.max(worstBias, maxDiff(torch.get("linear1.bias " + step), net.linear1.bias()));
      worstBias = Math.max(worstBias, maxDiff(torch.get("linear2.bias " + step), net.linear2.bias()));
      net.linear1.setBias(torch.get("linear1.bias " + step));
      net.linear2.setBias(torch.get("linear2.bias " + step));
    }
    double worstStat = 0;
    worstStat = Math.max(worstStat, maxDiff(torch.get("bn1.running_mean"), net.bn1.runningMean()));
    worstStat = Math.max(worstStat, maxDiff(torch.get("bn1.running_var"), net.bn1.runningVar()));
    worstStat = Math.max(worstStat, maxDiff(torch.get("bn2.running_mean"), net.bn2.runningMean()));
    worstStat = Math.max(worstStat, maxDiff(torch.get("bn2.running_var"), net.bn2.runningVar()));
    float evalLoss = net.evaluate(chainrule.Data.labels(x, labels, ROWS)).loss();
    double evalDiff = Math.abs(evalLoss - torch.get("eval_loss")[0]) / torch.get("eval_loss")[0];
    System.out.printf("batch norm vs torch: step losses max relative diff %.2e, running statistics max abs diff "
        + "%.2e, evaluation loss relative diff %.2e; biases before the norms drift by up to %.2e%n", worstLoss,
        worstStat, evalDiff, worstBias);
    // Measured: 1.0e-7 relative on the step losses, 1.4e-6 on the running statistics, 0 on the evaluation
    // loss (float rounding in the matrix products' summation order, moved on by Adam); limits 7x above or more.
    assertTrue(worstLoss < 1e-5, "step losses differ by " + worstLoss);
    assertTrue(worstStat < 1e-5, "running statistics differ by " + worstStat);
    assertTrue(evalDiff < 1e-5, "evaluation loss differs by " + evalDiff);
    assertTrue(worstBias < 0.1, "a bias before a batch norm moved " + worstBias + " from torch's: more than Adam's lr");

    // the running statistics go through a checkpoint; the parameters() stay parameters only
    Path file = dir.resolve("bn.ckpt");
    net.save(file);
    Lab096SmallNet loaded = Lab096SmallNet.create(2);
    loaded.load(file);
    assertArrayEquals(net.bn1.runningMean(), loaded.bn1.runningMean());
    assertArrayEquals(net.bn2.runningVar(), loaded.bn2.runningVar());
    assertArrayEquals(net.parameters(), loaded.parameters());
    assertArrayEquals(net.forward(x, ROWS), loaded.forward(x, ROWS));
    // 784·32 + 32, γ and β 2·32, 32·32 + 32, 2·32, 32·10 + 10: as sum(p.numel() for p in model.parameters())
    assertEquals(26_634, net.parameterCount());
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsRefused() throws IOException {
    Path file = dir.resolve("other.ckpt");
    Lab096SmallNet.create(1).save(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> chainrule.examples.gradcheck.CeBatchNormNet.create(1).load(file));
    assertTrue(e.getMessage().contains("bn1 BatchNorm1d(32)"), e.getMessage());
  }

  @Test
  void oneRowFailsInTrainingAsInTorch() {
    Lab096SmallNet net = Lab096SmallNet.create(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.lossAndGradients(new float[INPUTS], new int[1], 1));
    assertTrue(e.getMessage().startsWith("Expected more than 1 value per channel when training, got input size [1, 32]"),
        e.getMessage());
    assertEquals(10, net.forward(new float[INPUTS], 1).length); // evaluation takes one row
  }

  /** fit refuses, before the first step, a run whose last batch (or every batch) would have one row. */
  @Test
  void fitRefusesABatchOfOneRowBeforeAnyStep() {
    Lab096SmallNet net = Lab096SmallNet.create(1);
    float[] before = net.parameters();
    float[] running = net.bn1.runningMean().clone();
    Data rows33 = Data.labels(new float[33 * INPUTS], new int[33], 33);
    Fit fit = Fit.epochs(2).optimizer(new Sgd(0.1f)).silent();
    assertEquals("BatchNorm1d needs at least 2 rows in a training batch, but 33 training rows in batches of 32 "
        + "leave a last batch of 1 row; use dropLast(true) or another batch size",
        assertThrows(IllegalArgumentException.class, () -> net.fit(rows33, fit.batchSize(32))).getMessage());
    assertEquals("BatchNorm1d needs at least 2 rows in a training batch, but batchSize is 1; give it more rows a "
        + "batch", assertThrows(IllegalArgumentException.class, () -> net.fit(rows33, fit.batchSize(1))).getMessage());
    assertEquals("BatchNorm1d needs at least 2 rows in a training batch, but there is 1 training row; give it more "
        + "rows a batch", assertThrows(IllegalArgumentException.class,
            () -> net.fit(Data.labels(new float[INPUTS], new int[1], 1), fit)).getMessage());
    assertArrayEquals(before, net.parameters());
    assertArrayEquals(running, net.bn1.runningMean());
    assertEquals(2, net.fit(rows33, fit.batchSize(32).dropLast(true)).epochs(), "the last row dropped");
    assertEquals(2, net.fit(rows33, fit.batchSize(31)).epochs(), "a last batch of 2 rows");
  }

  private static double maxDiff(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    return worst;
  }

  /** The script's data: an LCG (Knuth's MMIX constants), 24-bit uniforms in [0, 1), then labels mod 10. */
  private static void data(float[] x, int[] labels) {
    long state = 20240611L;
    for (int i = 0; i < x.length; i++) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      x[i] = (state >>> 40) / (float) (1 << 24);
    }
    for (int r = 0; r < labels.length; r++) {
      state = state * 6364136223846793005L + 1442695040888963407L;
      labels[r] = (int) Long.remainderUnsigned(state >>> 33, 10);
    }
  }

  private static Map<String, float[]> reference() throws IOException {
    Map<String, float[]> values = new HashMap<>();
    try (InputStream in = BatchNormTorchTest.class.getResourceAsStream("/reference/batchnorm_adam.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] words = line.trim().split(" ");
        int first = words[0].equals("loss") || words[0].endsWith(".bias") ? 2 : 1;
        String key = first == 2 ? words[0] + " " + words[1] : words[0];
        float[] numbers = new float[words.length - first];
        for (int i = first; i < words.length; i++) {
          numbers[i - first] = (float) Double.parseDouble(words[i]); // Java reads Python's float.hex
        }
        values.put(key, numbers);
      }
    }
    return values;
  }
}
