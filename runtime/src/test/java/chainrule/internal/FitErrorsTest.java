package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.DivergenceException;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Metric;
import chainrule.Monitor;
import chainrule.Optimizer;
import chainrule.Schedule;
import chainrule.Sgd;
import chainrule.Status;
import chainrule.TorchGenerator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code fit} refuses before any step, naming the argument, the expected and the actual value, with
 * nothing changed; and a loss that stops being finite.
 */
class FitErrorsTest {
  private static final Data XOR = Data.of(FitTest.XOR_X, FitTest.XOR_Y, 4);
  @TempDir Path dir;

  /** Runs {@code fit} expecting an IllegalArgumentException; checks that parameters and generator are unchanged. */
  private static String refused(HandNet net, Data data, Fit fit) {
    float[] before = net.parameters();
    int[] generator = new int[TorchGenerator.STATE_WORDS];
    net.generator().state(generator);
    String message = assertThrows(IllegalArgumentException.class, () -> net.fit(data, fit)).getMessage();
    assertArrayEquals(before, net.parameters(), "parameters unchanged: " + message);
    int[] after = new int[TorchGenerator.STATE_WORDS];
    net.generator().state(after);
    assertArrayEquals(generator, after, "no draw from the generator: " + message);
    return message;
  }

  private static String refused(Data data, Fit fit) {
    return refused(FitTest.xorNet(), data, fit);
  }

  private static Fit sgd(int epochs) {
    return Fit.epochs(epochs).optimizer(new Sgd(1f)).silent();
  }

  @Test
  void dataOfTheWrongShapeOrValues() {
    assertEquals("train has 3 features per row; the network takes 2",
        refused(Data.of(new float[12], new float[4], 4), sgd(1)));
    assertEquals("train has 2 targets per row; the network has 1 output",
        refused(Data.of(FitTest.XOR_X, new float[8], 4), sgd(1)));
    assertEquals("train has class labels; this network needs float targets (its loss is BCE): Data.of(x, y, rows)",
        refused(Data.labels(FitTest.XOR_X, new int[4], 4), sgd(1)));
    assertEquals("train row 2, target 0 is 2.0; BCE targets must be in [0, 1]",
        refused(Data.of(FitTest.XOR_X, new float[] {0, 1, 2, 0}, 4), sgd(1)));
    float[] x = FitTest.XOR_X.clone();
    x[3] = Float.NaN;
    assertEquals("train row 1, feature 1 is NaN; every feature must be finite", refused(Data.of(x, FitTest.XOR_Y, 4), sgd(1)));
    assertEquals("validation has 3 features per row; the network takes 2",
        refused(XOR, sgd(1).validation(Data.of(new float[3], new float[1], 1))));
  }

  @Test
  void labelsOutOfRange() {
    HandSoftmaxNet net = new HandSoftmaxNet(1, 2, 4, 3);
    float[] before = net.params.clone();
    String message = assertThrows(IllegalArgumentException.class,
        () -> net.fit(Data.labels(FitTest.XOR_X, new int[] {0, 1, 3, 2}, 4), sgd(1))).getMessage();
    assertEquals("train row 2 has label 3; this network has 3 classes, so labels must be in [0, 3)", message);
    assertArrayEquals(before, net.params);
    assertEquals("train has float targets; a cross-entropy network needs class labels: Data.labels(x, labels, rows)",
        assertThrows(IllegalArgumentException.class, () -> net.fit(XOR, sgd(1))).getMessage());
  }

  @Test
  void emptyDataBatchSizeAndEpochs() {
    assertEquals("rows must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> Data.of(new float[0], new float[0], 0)).getMessage());
    assertEquals("epochs must be > 0, was 0", assertThrows(IllegalArgumentException.class, () -> Fit.epochs(0)).getMessage());
    assertEquals("batchSize must be > 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).batchSize(-1)).getMessage());
    assertEquals("dropLast with batchSize 8 > 4 training rows leaves no batch; use a smaller batch or dropLast(false)",
        refused(XOR, sgd(1).batchSize(8).dropLast(true)));
  }

  /** A batch larger than the rows is every row, up to Integer.MAX_VALUE (the count of batches once overflowed). */
  @Test
  void aBatchSizeLargerThanTheRowsTakesEveryRow() {
    for (int batchSize : new int[] {5, Integer.MAX_VALUE - 2, Integer.MAX_VALUE}) {
      HandNet net = FitTest.xorNet();
      float[] before = net.parameters();
      History history = net.fit(XOR, sgd(3).batchSize(batchSize));
      assertEquals(3, history.batchLosses().length, "one step an epoch with batchSize " + batchSize);
      assertTrue(Float.isFinite(history.loss()[2]), "batchSize " + batchSize);
      assertFalse(Arrays.equals(before, net.parameters()), "trained with batchSize " + batchSize);
    }
  }

  /**
   * The history grows with the epochs run: "train until early stopping" with a billion epochs holds three epochs'
   * values, where it had allocated 8 GB (a float a step, another an epoch) and failed before the first step.
   */
  @Test
  void aRunOfABillionEpochsThatStopsEarlyHoldsOnlyTheEpochsRun() {
    Listener stopAtThree = new Listener() {
      @Override
      public void epochEnd(Status status) {
        if (status.epoch() == 3) {
          status.stop();
        }
      }
    };
    History history = FitTest.xorNet().fit(XOR, sgd(1_000_000_000).listener(stopAtThree));
    assertEquals(3, history.epochs());
    assertEquals(3, history.loss().length);
    assertEquals(3, history.batchLosses().length);
  }

  @Test
  void optionsThatCannotWork() {
    assertEquals("fit has no optimizer; give one: Fit.epochs(3).optimizer(new Sgd(0.1f))",
        refused(XOR, Fit.epochs(3).silent()));
    assertEquals("monitor VAL_LOSS needs validation rows: add .validation(data) or .validationSplit(fraction), "
        + "or monitor LOSS", refused(XOR, sgd(1).monitor(Monitor.VAL_LOSS)));
    HandNet mse = HandNet.create(1, 2, 2, 1, HandNet.Hidden.RELU, HandNet.Loss.MSE);
    assertEquals("metrics asks for ACCURACY, which needs a classifier; this network's loss is MSE, whose targets are "
        + "values, not classes", refused(mse, XOR, sgd(1).metrics(Metric.ACCURACY)));
    HandNet twoOutputs = HandNet.create(1, 2, 2, 2, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertEquals("monitor VAL_AUC asks for AUC, which needs one Sigmoid output (BCE); this network has 2 outputs",
        refused(twoOutputs, Data.of(FitTest.XOR_X, new float[8], 4),
            sgd(1).monitor(Monitor.VAL_AUC).validation(Data.of(FitTest.XOR_X, new float[8], 4))));
    Optimizer plain = (params, grads) -> {};
    assertTrue(refused(XOR, Fit.epochs(2).optimizer(plain).schedule(Schedule.exponential(0.5)).silent())
        .startsWith("a schedule needs an optimizer with a learning rate; "));
    assertEquals("Schedule.exponential(1.0E30) takes the learning rate from 0.01 to 1.00e+58 by epoch 3, past a "
        + "float's range; use a gamma nearer 1 or fewer epochs", refused(XOR, Fit.epochs(3).optimizer(new Adam(0.01f))
            .schedule(Schedule.exponential(1e30)).silent()));
    assertEquals("Schedule.cosine(2, 1.0E300): minRate 1.0E300 is past a float's range",
        refused(XOR, sgd(3).schedule(Schedule.cosine(2, 1e300))));
    assertEquals("backup file " + dir.resolve("no/such/dir/b") + ": directory " + dir.resolve("no/such/dir")
        + " does not exist", refused(XOR, sgd(1).backup(dir.resolve("no/such/dir/b"))));
    assertEquals("saveBest file " + dir + " is a directory; give the path of a file",
        refused(XOR, sgd(1).saveBest(dir)));
  }

  /** Issue 8 item 3 through fit: an Adam that trained one network refuses another before any step. */
  @Test
  void anAdamOfAnotherNetworkIsRefusedBeforeAnyStep() {
    Adam adam = new Adam(0.01f);
    FitTest.xorNet().fit(XOR, Fit.epochs(2).optimizer(adam).silent());
    HandNet other = FitTest.xorNet();
    float[] before = other.parameters();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> other.fit(XOR, Fit.epochs(2).optimizer(adam).silent()));
    assertTrue(e.getMessage().contains("use one Adam per network"), e.getMessage());
    assertArrayEquals(before, other.parameters());
    assertEquals(2, adam.steps());
  }

  /** MSE on targets up to 190 with SGD(1): the loss overflows at epoch 8; epoch 7's parameters come back. */
  @Test
  void aLossThatOverflowsStopsFitAndRestoresTheLastGoodEpoch() {
    float[] x = new float[40];
    float[] y = new float[20];
    for (int r = 0; r < 20; r++) {
      x[2 * r] = r;
      x[2 * r + 1] = r % 3;
      y[r] = 10 * r;
    }
    Data data = Data.of(x, y, 20);
    Supplier<HandNet> net = () -> HandNet.create(1, 2, 4, 1, HandNet.Hidden.SIGMOID, HandNet.Loss.MSE);
    HandNet diverging = net.get();
    DivergenceException e = assertThrows(DivergenceException.class,
        () -> diverging.fit(data, Fit.epochs(50).batchSize(5).optimizer(new Sgd(1f)).silent()));
    assertEquals("the loss became Infinity at epoch 8, batch 3 (step 31); every gradient is finite. The parameters"
        + " are back at the end of epoch 7; try a smaller learning rate than 1.0", e.getMessage());
    assertEquals(8, e.epoch());
    assertEquals(3, e.batch());
    assertEquals(31, e.step());
    assertNull(e.parameter());
    assertEquals(7, e.history().epochs());
    assertEquals(28, e.history().batchLosses().length);
    HandNet sevenEpochs = net.get();
    sevenEpochs.fit(data, Fit.epochs(7).batchSize(5).optimizer(new Sgd(1f)).silent());
    assertArrayEquals(sevenEpochs.parameters(), diverging.parameters(), "the last good epoch's parameters");
  }

  /** A huge input overflows the first layer's weight gradient: named, and the initial parameters come back. */
  @Test
  void theFirstNonFiniteGradientIsNamed() {
    float[] x = new float[40];
    float[] y = new float[20];
    x[2 * 7] = 1e38f;
    HandNet net = HandNet.create(1, 2, 4, 1, HandNet.Hidden.RELU, HandNet.Loss.MSE);
    float[] initial = net.parameters();
    Executable fit = () -> net.fit(Data.of(x, y, 20), Fit.epochs(3).batchSize(5).optimizer(new Sgd(0.1f)).silent());
    DivergenceException e = assertThrows(DivergenceException.class, fit);
    assertEquals(1, e.epoch());
    assertEquals(2, e.batch(), "row 7 is in the second batch of 5");
    assertEquals("linear1.weight", e.parameter());
    assertTrue(e.getMessage().contains("the first gradient that is not: linear1.weight (params["), e.getMessage());
    assertTrue(e.getMessage().contains("The parameters are back at the start of training"), e.getMessage());
    assertArrayEquals(initial, net.parameters());
  }

  /** Found by a probe: a listener's fit on the same network trained it twice over, with a history of neither. */
  @Test
  void aListenerMayNotFitItsOwnNetworkAgain() {
    HandNet net = FitTest.xorNet();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(XOR, sgd(3).listener(
        Listener.onEpochEnd(status -> net.fit(XOR, sgd(1))))));
    assertTrue(e.getMessage().startsWith("fit is already running on this network: a listener of that fit may not "
        + "call fit on it"), e.getMessage());
    HandNet other = FitTest.xorNet();
    assertEquals(3, net.fit(XOR, sgd(3).listener(Listener.onEpochEnd(status -> other.fit(XOR, sgd(1))))).epochs(),
        "another network may be trained from a listener");
    assertEquals(1, net.fit(XOR, sgd(1)).epochs(), "and this one again, once its fit has returned");
  }

  @Test
  void aCheckpointAtTheBackupsPathIsRefused() {
    Path file = dir.resolve("run.chainrule");
    assertEquals("saveBest file " + file + " is the backup file; give them different paths (the backup is deleted "
        + "when fit completes)", refused(XOR, sgd(2).saveBest(file).backup(file)));
    assertEquals("saveEvery file " + file + " is the backup file; give them different paths (the backup is deleted "
        + "when fit completes)", refused(XOR, sgd(2).saveEvery(1, file).backup(file)));
    Path second = dir.resolve("ck-2.bin");
    assertEquals("saveEvery file " + dir.resolve("ck-{epoch}.bin") + " is the backup file; give them different paths "
        + "(the backup is deleted when fit completes)",
        refused(XOR, sgd(3).saveEvery(1, dir.resolve("ck-{epoch}.bin")).backup(second)));
  }
}
