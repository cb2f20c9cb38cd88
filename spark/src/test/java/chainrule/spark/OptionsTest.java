package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.DivergenceException;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Monitor;
import chainrule.Schedule;
import chainrule.Sgd;
import chainrule.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mini-batches, shuffling, validation, schedules, listeners and early stopping on Spark. */
class OptionsTest {
  static Data iris;
  static Dataset<Row> four;

  @BeforeAll
  static void data() throws IOException {
    iris = Rows.iris140();
    four = Rows.dataset(iris, Rows.Features.FLOATS, 35, 35, 35, 35);
  }

  static History train(IrisNet net, Dataset<Row> rows, Fit fit) {
    return SparkTrainer.of(() -> IrisNet.create(0)).fit(net, rows, fit);
  }

  @Test
  void onePartitionMiniBatchesAreTheSingleJvmBatches() {
    // 140 rows, batch 35: K = 4 steps, step k takes rows 35k .. 35k + 34 of the one partition, as DataLoader does
    Fit fit = Fit.epochs(3).batchSize(35).optimizer(new Sgd(0.05f)).silent();
    IrisNet local = IrisNet.create(3);
    History expected = local.fit(iris, fit);
    IrisNet spark = IrisNet.create(3);
    History actual = train(spark, Rows.dataset(iris, Rows.Features.FLOATS, 140), fit);
    assertEquals(12, actual.batchLosses().length);
    assertArrayEquals(expected.batchLosses(), actual.batchLosses());
    assertArrayEquals(local.parameters(), spark.parameters());
    assertArrayEquals(expected.loss(), actual.loss());
  }

  @Test
  void miniBatchesTakeASliceOfEveryPartitionAndAreDeterministic() {
    Fit fit = Fit.epochs(2).batchSize(50).shuffle(true).silent();
    IrisNet a = IrisNet.create(3);
    History first = train(a, four, fit.optimizer(new Adam(0.01f)));
    IrisNet b = IrisNet.create(3);
    History second = train(b, four, fit.optimizer(new Adam(0.01f)));
    assertEquals(6, first.batchLosses().length, "⌈140 / 50⌉ = 3 steps per epoch");
    assertArrayEquals(first.batchLosses(), second.batchLosses());
    assertArrayEquals(a.parameters(), b.parameters());
    IrisNet c = IrisNet.create(3);
    History otherSeed = SparkTrainer.of(() -> IrisNet.create(0)).seed(7)
        .fit(c, four, fit.optimizer(new Adam(0.01f)));
    assertFalse(Arrays.equals(first.batchLosses(), otherSeed.batchLosses()), "another seed, another order");
  }

  @Test
  void validationScheduleAndListeners() {
    List<String> events = new ArrayList<>();
    Listener listener = new Listener() {
      @Override
      public void batchEnd(chainrule.Status status) {
        events.add("batch " + status.epoch() + "." + status.batch() + "/" + status.batches());
      }

      @Override
      public void epochEnd(chainrule.Status status) {
        events.add("epoch " + status.epoch() + " lr " + status.learningRate());
      }
    };
    Data validation = iris.select(0, 50, 100); // one flower of each kind
    Fit fit = Fit.epochs(2).batchSize(70).optimizer(new Adam(0.01f)).validation(validation)
        .schedule(Schedule.step(1, 0.5)).listener(listener).silent();
    IrisNet net = IrisNet.create(3);
    History history = train(net, four, fit);
    assertEquals(List.of("loss", "val_loss", "lr"), history.columns());
    assertArrayEquals(new float[] {0.01f, 0.005f}, history.learningRates());
    assertEquals(net.evaluate(validation).loss(), history.validationLoss()[1]);
    assertEquals(List.of("batch 1.1/2", "batch 1.2/2", "epoch 1 lr 0.01", "batch 2.1/2", "batch 2.2/2",
        "epoch 2 lr 0.005"), events);
  }

  @Test
  void earlyStoppingAndRestoreBest() {
    // a learning rate this large makes the loss jump about, so some epoch is not the best
    IrisNet net = IrisNet.create(3);
    List<float[]> parameters = new ArrayList<>();
    Fit fit = Fit.epochs(30).optimizer(new Sgd(0.5f)).earlyStopping(2).restoreBest(true).silent()
        .listener(recording(net, parameters));
    History history = train(net, four, fit);
    assertEquals(History.Stop.EARLY_STOPPING, history.stopReason());
    assertTrue(history.epochs() < 30);
    float[] losses = history.loss();
    float best = losses[history.bestEpoch() - 1];
    for (float loss : losses) {
      assertTrue(best <= loss);
    }
    assertTrue(history.bestEpoch() < history.epochs(), "the best epoch is not the last");
    assertArrayEquals(parameters.get(history.bestEpoch() - 1), net.parameters(), "restored the best epoch's");
  }

  @Test
  void theModeFitGivesTheMonitorDecidesTheBestEpoch() {
    // the loss monitored as if larger were better: the first epoch, whose loss is the highest, is the best
    IrisNet net = IrisNet.create(3);
    List<float[]> parameters = new ArrayList<>();
    History history = train(net, four, Fit.epochs(10).optimizer(new Adam(0.01f))
        .monitor(Monitor.LOSS, Monitor.Mode.MAX).earlyStopping(3).restoreBest(true).silent()
        .listener(recording(net, parameters)));
    assertEquals(1, history.bestEpoch(), Arrays.toString(history.loss()));
    assertEquals(History.Stop.EARLY_STOPPING, history.stopReason());
    assertEquals(4, history.epochs());
    assertArrayEquals(parameters.get(0), net.parameters(), "restored the first epoch's");
  }

  /** A listener that keeps {@code net}'s parameters at each epoch's end (the run sets them before it calls). */
  private static Listener recording(IrisNet net, List<float[]> parameters) {
    return new Listener() {
      @Override
      public void epochEnd(Status status) {
        parameters.add(net.parameters());
      }
    };
  }

  /** "Train until stopped": the history grows with the epochs run, not allocated for a billion epochs first. */
  @Test
  void aBillionEpochsThatAListenerStopsHoldOnlyTheEpochsRun() {
    Listener stopAtTwo = new Listener() {
      @Override
      public void epochEnd(Status status) {
        if (status.epoch() == 2) {
          status.stop();
        }
      }
    };
    History history = train(IrisNet.create(3), four,
        Fit.epochs(1_000_000_000).optimizer(new Adam(0.01f)).listener(stopAtTwo).silent());
    assertEquals(2, history.epochs());
    assertEquals(2, history.loss().length);
    assertEquals(2, history.batchLosses().length);
    assertArrayEquals(new float[] {0.01f, 0.01f}, history.learningRates());
    assertEquals(History.Stop.LISTENER, history.stopReason());
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> train(IrisNet.create(3),
        four, Fit.epochs(1_000_000_000).batchSize(10).optimizer(new Adam(0.01f)).silent()));
    assertEquals("1000000000 epochs of 14 steps are more steps than the history can hold (2147483639)",
        tooMany.getMessage());
  }

  @Test
  void aSecondFitContinuesTheOptimizersState() {
    IrisNet once = IrisNet.create(3);
    History five = train(once, four, Fit.epochs(5).optimizer(new Adam(0.01f)).silent());
    IrisNet twice = IrisNet.create(3);
    Adam adam = new Adam(0.01f);
    History two = train(twice, four, Fit.epochs(2).optimizer(adam).silent());
    History three = train(twice, four, Fit.epochs(3).optimizer(adam).silent());
    assertEquals(5, adam.steps());
    assertArrayEquals(once.parameters(), twice.parameters());
    assertArrayEquals(Arrays.copyOfRange(five.batchLosses(), 2, 5), three.batchLosses());
    assertEquals(five.batchLosses()[1], two.batchLosses()[1]);
  }

  @Test
  void divergenceIsTheDivergenceExceptionNetFitThrowsAndKeepsTheParametersBeforeTheBadStep() {
    IrisNet net = IrisNet.create(1);
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> train(net, four, Fit.epochs(50).optimizer(new Sgd(1e30f))));
    // full batch: one step an epoch; measured: the first step's update overflows, the second's loss is NaN
    assertEquals(e.epoch(), e.step(), e.getMessage());
    assertEquals(1, e.batch(), e.getMessage());
    assertEquals(e.epoch() - 1, e.history().epochs(), e.getMessage());
    assertTrue(e.getMessage().contains("try a smaller learning rate than 1.0E30"), e.getMessage());
    for (float p : net.parameters()) {
      assertTrue(Float.isFinite(p), "a parameter is " + p); // those before the bad step
    }
  }
}
