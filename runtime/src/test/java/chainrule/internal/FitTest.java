package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Metric;
import chainrule.Monitor;
import chainrule.Schedule;
import chainrule.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit} through a hand-written network with the generated loop: the loop, history, validation, policy. */
class FitTest {
  static final float[] XOR_X = {0, 0, 0, 1, 1, 0, 1, 1};
  static final float[] XOR_Y = {0, 1, 1, 0};
  @TempDir Path dir;

  static HandNet xorNet() {
    return HandNet.create(777, 2, 2, 1, HandNet.Hidden.SIGMOID, HandNet.Loss.BCE);
  }

  /** 200 rows of two moons-like blobs: label 1 when x0 + x1 + noise > 0. Deterministic. */
  static Data blobs(int rows) {
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    java.util.Random random = new java.util.Random(5);
    for (int r = 0; r < rows; r++) {
      x[2 * r] = (float) random.nextGaussian();
      x[2 * r + 1] = (float) random.nextGaussian();
      y[r] = x[2 * r] + x[2 * r + 1] + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
    }
    return Data.of(x, y, rows);
  }

  /** The lecture's xor-nn: fit's full-batch default is the hand loop of trainStep, bit for bit, 10001 steps. */
  @Test
  void fitIsTheLecturesLoop() {
    HandNet looped = xorNet();
    Sgd sgd = new Sgd(1f);
    float[] expected = new float[10_001];
    for (int step = 0; step <= 10_000; step++) {
      expected[step] = looped.trainStep(XOR_X, XOR_Y, 4, sgd);
    }
    HandNet fitted = xorNet();
    History history = fitted.fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(10_001).optimizer(new Sgd(1f)).silent());
    assertArrayEquals(expected, history.batchLosses());
    assertArrayEquals(expected, history.loss(), "one batch per epoch: the epoch loss is the step's");
    assertArrayEquals(looped.parameters(), fitted.parameters());
    assertEquals(History.Stop.COMPLETED, history.stopReason());
    assertEquals(10_001, history.epochs());
  }

  @Test
  void epochLossIsTheRowWeightedMeanOfItsBatches() {
    HandNet net = HandNet.create(1, 2, 4, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    History history = net.fit(blobs(10), Fit.epochs(2).batchSize(4).optimizer(new Sgd(0.1f)).silent());
    float[] steps = history.batchLosses();
    assertEquals(6, steps.length, "batches of 4, 4 and 2 rows, twice");
    for (int e = 0; e < 2; e++) {
      double mean = ((double) steps[3 * e] * 4 + (double) steps[3 * e + 1] * 4 + (double) steps[3 * e + 2] * 2) / 10;
      assertEquals((float) mean, history.loss()[e], "epoch " + (e + 1));
    }
  }

  @Test
  void validationLossIsTheLossAfterTheEpochsUpdates() {
    Data data = blobs(200);
    Data.Split split = data.split(0.25, 3);
    HandNet net = HandNet.create(2, 2, 8, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    History history = net.fit(split.train(), Fit.epochs(3).batchSize(32).optimizer(new Sgd(0.5f))
        .validation(split.validation()).metrics(Metric.ACCURACY, Metric.AUC).silent());
    assertEquals(List.of("loss", "accuracy", "auc", "val_loss", "val_accuracy", "val_auc", "lr"), history.columns());
    Data validation = split.validation();
    float direct = net.lossAndGradients(validation.features(), validation.targets(), validation.rows());
    assertEquals(direct, history.validationLoss()[2], "one chunk of 50 rows: the same float as the network's loss");
    float[] p = net.forward(validation.features(), validation.rows());
    float[] y = validation.targets();
    int correct = 0;
    long[][] confusion = new long[2][2];
    for (int r = 0; r < p.length; r++) {
      int predicted = p[r] > 0.5f ? 1 : 0;
      correct += predicted == (int) y[r] ? 1 : 0;
      confusion[(int) y[r]][predicted]++;
    }
    assertEquals((float) correct / p.length, history.get(Monitor.VAL_ACCURACY)[2]);
    assertEquals(bruteForceAuc(p, y), history.get(Monitor.VAL_AUC)[2], 1e-6);
    assertArrayEquals(confusion, history.confusionMatrix());
    assertEquals(Monitor.VAL_LOSS, history.monitor());
    assertTrue(history.get("val_accuracy")[2] > 0.8f, "it learned something: " + history);

    Evaluation evaluation = Inference.evaluate(validation, Trainee.ofTargets(net.layoutForTests(),
        net.liveParameters(), new float[net.liveParameters().length], net.generator(), net::forwardForTests,
        net::outputsForTests, net::lossForTests));
    assertEquals(direct, evaluation.loss());
    assertEquals(history.get("val_accuracy")[2], evaluation.accuracy());
    assertEquals(history.get("val_auc")[2], evaluation.auc());
    assertArrayEquals(confusion, evaluation.confusion());
  }

  private static float bruteForceAuc(float[] p, float[] y) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
    }
    return (float) (wins / pairs);
  }

  @Test
  void validationSplitHoldsOutAStratifiedFraction() {
    HandNet net = HandNet.create(2, 2, 8, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    List<Integer> batchRows = new ArrayList<>();
    net.observe((x, rows) -> batchRows.add(rows));
    History history = net.fit(blobs(200), Fit.epochs(1).validationSplit(0.2).optimizer(new Sgd(0.5f)).silent());
    assertEquals(List.of(160), batchRows, "full batch of the 160 training rows");
    assertTrue(history.has("val_loss"));
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
    // the loss falls every epoch, so with mode MAX only epoch 1 is ever the best
    Fit fit = Fit.epochs(50).optimizer(new Sgd(1f)).monitor(Monitor.LOSS, Monitor.Mode.MAX).earlyStopping(3)
        .restoreBest(true).silent();
    HandNet net = xorNet();
    History history = net.fit(Data.of(XOR_X, XOR_Y, 4), fit);
    assertEquals(4, history.epochs(), "epoch 1, then 3 without improvement");
    assertEquals(History.Stop.EARLY_STOPPING, history.stopReason());
    assertEquals(1, history.bestEpoch());
    HandNet oneEpoch = xorNet();
    oneEpoch.fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(1).optimizer(new Sgd(1f)).silent());
    assertArrayEquals(oneEpoch.parameters(), net.parameters(), "epoch 1's weights, restored");
  }

  @Test
  void restoreBestAppliesWhateverEndedTraining() {
    HandNet net = xorNet();
    History history = net.fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(5).optimizer(new Sgd(1f))
        .monitor(Monitor.LOSS, Monitor.Mode.MAX).restoreBest(true).silent());
    assertEquals(History.Stop.COMPLETED, history.stopReason());
    HandNet oneEpoch = xorNet();
    oneEpoch.fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(1).optimizer(new Sgd(1f)).silent());
    assertArrayEquals(oneEpoch.parameters(), net.parameters());
  }

  @Test
  void minDeltaCountsOnlyLargeEnoughImprovements() {
    History history = xorNet().fit(Data.of(XOR_X, XOR_Y, 4),
        Fit.epochs(50).optimizer(new Sgd(1f)).earlyStopping(2, 0.5f).silent());
    assertEquals(3, history.epochs(), "no epoch improves the loss by more than 0.5");
    assertEquals(1, history.bestEpoch());
  }

  @Test
  void schedulesSetEachEpochsRate() {
    assertArrayEquals(new float[] {1f, 1f, 0.5f, 0.5f, 0.25f}, rates(Schedule.step(2, 0.5)));
    assertArrayEquals(new float[] {1f, 0.5f, 0.25f, 0.125f, 0.0625f}, rates(Schedule.exponential(0.5)));
    float[] cosine = rates(Schedule.cosine(4, 0.2));
    assertEquals(1f, cosine[0]);
    assertEquals((float) (0.2 + 0.8 * (1 + Math.cos(Math.PI / 4)) / 2), cosine[1]);
    assertEquals(0.6f, cosine[2], 1e-7f);
    assertEquals(0.2f, cosine[4], 1e-7f);
    // monitored with mode MAX the falling loss never improves after epoch 1; with patience 1 the third
    // epoch is the second bad one, so the fourth runs at half the rate: PyTorch 1.13's ReduceLROnPlateau
    // (mode='max', factor=0.5, patience=1) fed a falling sequence gives 1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125,
    // and with cooldown=1: 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25
    assertArrayEquals(new float[] {1f, 1f, 1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f},
        rates(Schedule.reduceOnPlateau(0.5, 1), Monitor.Mode.MAX, 8));
    assertArrayEquals(new float[] {1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f},
        rates(Schedule.reduceOnPlateau(0.5, 1).cooldown(1), Monitor.Mode.MAX, 8));
  }

  /**
   * CosineAnnealingLR(T_max = 2, eta_min = 0) over 4 epochs, as torch runs it: the rate reaches 0 at epoch 3
   * (that epoch changes nothing) and comes back up; it had stopped fit at epoch 3 ("lr must be > 0").
   */
  @Test
  void aCosineScheduleAnnealsTheRateToZeroAndBack() {
    HandNet net = xorNet();
    History history = net.fit(Data.of(XOR_X, XOR_Y, 4),
        Fit.epochs(4).optimizer(new Sgd(1f)).schedule(Schedule.cosine(2, 0)).silent());
    assertArrayEquals(new float[] {1f, 0.5f, 0f, 0.5f}, history.learningRates(), 1e-7f);
    assertEquals(history.loss()[2], history.batchLosses()[3], "epoch 3 at rate 0 left the network as it was");
    assertEquals(4, history.epochs());
  }

  private static float[] rates(Schedule schedule) {
    return rates(schedule, Monitor.Mode.MIN);
  }

  private static float[] rates(Schedule schedule, Monitor.Mode mode) {
    return rates(schedule, mode, 5);
  }

  private static float[] rates(Schedule schedule, Monitor.Mode mode, int epochs) {
    return xorNet().fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(epochs).optimizer(new Sgd(1f)).schedule(schedule)
        .monitor(Monitor.LOSS, mode).silent()).learningRates();
  }

  /** A schedule changes Adam's rate between epochs and keeps its moments: the same as doing it by hand. */
  @Test
  void aScheduledRateKeepsTheOptimizersState() {
    HandNet byHand = xorNet();
    Adam adam = new Adam(0.1f);
    float[] expected = new float[6];
    for (int step = 0; step < 6; step++) {
      adam.setLearningRate((float) (0.1 * Math.pow(0.5, step / 2)));
      expected[step] = byHand.trainStep(XOR_X, XOR_Y, 4, adam);
    }
    HandNet fitted = xorNet();
    History history = fitted.fit(Data.of(XOR_X, XOR_Y, 4),
        Fit.epochs(6).optimizer(new Adam(0.1f)).schedule(Schedule.step(2, 0.5)).silent());
    assertArrayEquals(expected, history.batchLosses());
    assertArrayEquals(byHand.parameters(), fitted.parameters());
  }

  @Test
  void listenersSeeEveryStepAndCanStop() {
    List<String> seen = new ArrayList<>();
    Listener recorder = new Listener() {
      @Override
      public void batchEnd(chainrule.Status s) {
        seen.add("b" + s.epoch() + "." + s.batch() + "/" + s.batches() + " step " + s.steps());
        if (s.epoch() == 2 && s.batch() == 2) {
          s.stop();
        }
      }

      @Override
      public void epochEnd(chainrule.Status s) {
        seen.add("e" + s.epoch() + " " + s.history().epochs());
      }
    };
    History history = HandNet.create(1, 2, 4, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE)
        .fit(blobs(10), Fit.epochs(5).batchSize(4).optimizer(new Sgd(0.1f)).listener(recorder).silent());
    assertEquals(List.of("b1.1/3 step 1", "b1.2/3 step 2", "b1.3/3 step 3", "e1 1", "b2.1/3 step 4",
        "b2.2/3 step 5", "e2 2"), seen, "stopped after epoch 2's second batch; the partial epoch is recorded");
    assertEquals(History.Stop.LISTENER, history.stopReason());
    assertEquals(2, history.epochs());
    assertEquals(5, history.batchLosses().length);
    double partial = ((double) history.batchLosses()[3] * 4 + (double) history.batchLosses()[4] * 4) / 8;
    assertEquals((float) partial, history.loss()[1], "the partial epoch's loss is over the rows it saw");

    History stopped = xorNet().fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(10).optimizer(new Sgd(1f))
        .listener(Listener.onEpochEnd(s -> {
          if (s.epoch() == 3) {
            s.stop();
          }
        })).silent());
    assertEquals(3, stopped.epochs());
  }

  @Test
  void savesTheBestAndEveryFewEpochs() throws IOException {
    HandNet net = xorNet();
    Path best = dir.resolve("best.ckpt");
    net.fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(5).optimizer(new Sgd(1f)).saveBest(best)
        .saveEvery(2, dir.resolve("epoch-{epoch}.ckpt")).silent());
    assertTrue(Files.exists(dir.resolve("epoch-2.ckpt")) && Files.exists(dir.resolve("epoch-4.ckpt")));
    assertTrue(!Files.exists(dir.resolve("epoch-5.ckpt")));
    float[] saved = new float[9];
    Checkpoint.load(best, net.architecture(), saved);
    assertArrayEquals(net.parameters(), saved, "the loss fell every epoch: the best is the last");
  }

  @Test
  void crossEntropyNetworksUseTheSameDriverWithLabels() {
    Data blobs = blobs(120);
    int[] labels = new int[120];
    for (int r = 0; r < 120; r++) {
      labels[r] = (int) blobs.target(r, 0) + (blobs.feature(r, 0) > 1 ? 1 : 0);
    }
    Data data = Data.labels(blobs.features(), labels, 120);
    HandSoftmaxNet net = new HandSoftmaxNet(3, 2, 8, 3);
    History history = net.fit(data, Fit.epochs(30).batchSize(16).shuffle(true).optimizer(new Adam(0.05f))
        .validationSplit(0.25).metrics(Metric.ACCURACY).silent());
    assertTrue(history.get("val_accuracy")[29] > 0.7f, history.toCsv());
    long[][] confusion = history.confusionMatrix();
    assertEquals(3, confusion.length);
    long total = 0;
    for (long[] row : confusion) {
      for (long count : row) {
        total += count;
      }
    }
    assertEquals(30, total, "the 30 validation rows");
  }

  @Test
  void historyWritesCsv() throws IOException {
    History history = xorNet().fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(2).optimizer(new Sgd(1f))
        .metrics(Metric.ACCURACY).silent());
    Path csv = dir.resolve("history.csv");
    history.writeCsv(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("epoch,loss,accuracy,lr", lines.get(0));
    String[] first = lines.get(1).split(",");
    assertEquals("1", first[0]);
    assertEquals(history.loss()[0], Float.parseFloat(first[1]), "floats read back exactly");
    assertEquals(3, lines.size());
  }

  @Test
  void inferenceRunsInBoundedChunks() {
    Data data = blobs(2500);
    HandNet net = HandNet.create(4, 2, 8, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    List<Integer> chunks = new ArrayList<>();
    float[] chunked = Inference.forward(data.features(), 2500, net.layoutForTests(), (x, rows) -> {
      chunks.add(rows);
      net.forwardForTests(x, rows);
    }, net::outputsForTests);
    // each chunk as the network computes it alone (a whole 2500-row pass can differ in the last bit: the
    // matrix products switch to fused multiply-adds above 2^15 multiply-adds)
    for (int from = 0; from < 2500; from += 1024) {
      int rows = Math.min(1024, 2500 - from);
      float[] alone = net.forward(data.slice(from, from + rows).features(), rows);
      assertArrayEquals(alone, java.util.Arrays.copyOfRange(chunked, from, from + rows), "rows from " + from);
    }
    assertEquals(List.of(1024, 1024, 452), chunks);
  }

  /** Found by a probe: a schedule left its last rate on the optimizer, and the same Fit then trained otherwise. */
  @Test
  void theSameFitWithAScheduleTrainsTheSameWayTwice() {
    Fit fit = Fit.epochs(3).optimizer(new Sgd(0.4f)).schedule(Schedule.step(1, 0.5)).silent();
    HandNet a = xorNet();
    HandNet b = xorNet();
    History first = a.fit(Data.of(XOR_X, XOR_Y, 4), fit);
    History second = b.fit(Data.of(XOR_X, XOR_Y, 4), fit);
    assertArrayEquals(new float[] {0.4f, 0.2f, 0.1f}, first.learningRates());
    assertArrayEquals(first.learningRates(), second.learningRates());
    assertArrayEquals(a.parameters(), b.parameters());
    assertEquals(0.4f, fit.optimizer().learningRate());
  }

  /** Found by a probe: in epochEnd a plateau schedule's listener saw the next epoch's rate, not this one's. */
  @Test
  void listenersSeeTheEpochsOwnRateAndTheEpochsDone() {
    List<Float> seen = new ArrayList<>();
    List<Integer> losses = new ArrayList<>();
    Listener listener = new Listener() {
      @Override
      public void batchEnd(chainrule.Status status) {
        losses.add(status.history().batchLosses().length);
      }

      @Override
      public void epochEnd(chainrule.Status status) {
        seen.add(status.learningRate());
      }
    };
    History history = xorNet().fit(Data.of(XOR_X, XOR_Y, 4), Fit.epochs(6).optimizer(new Sgd(1f)).batchSize(2)
        .schedule(Schedule.reduceOnPlateau(0.5, 0)).monitor(Monitor.LOSS, Monitor.Mode.MAX).listener(listener)
        .silent());
    float[] rates = new float[seen.size()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = seen.get(i);
    }
    assertArrayEquals(history.learningRates(), rates);
    // mid-epoch, a history holds the epochs done and their steps: 2 batches an epoch
    assertEquals(List.of(0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10), losses);
  }
}
