package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Csv;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Metric;
import chainrule.Standardizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs-train.md ("Train on your data"), with a hand-written network in place of a generated one. */
class TrainOnYourDataTest {
  @TempDir Path dir;

  @Test
  void theReadmesExampleRuns() throws IOException {
    Path file = dir.resolve("breast_cancer.csv");
    try (InputStream in = getClass().getResourceAsStream("/reference/breast_cancer.csv")) {
      Files.copy(in, file);
    }
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);

    Data data = Csv.targets(file, -1);
    Data.Split split = data.split(0.2, 42);
    Standardizer standardizer = Standardizer.fit(split.train());
    History history = net.fit(standardizer.apply(split.train()), Fit.epochs(200)
        .optimizer(new Adam(0.003f)).batchSize(64).shuffle(true)
        .validation(standardizer.apply(split.validation())).metrics(Metric.ACCURACY, Metric.AUC)
        .earlyStopping(10).restoreBest(true)
        .backup(dir.resolve("run.backup"))
        .silent()); // not in the example: keeps the build log short
    history.writeCsv(dir.resolve("history.csv"));

    assertEquals(456, split.train().rows(), "each class gives round(0.2 · its rows): 42 of 212, 71 of 357");
    assertEquals(113, split.validation().rows());
    List<String> csv = Files.readAllLines(dir.resolve("history.csv"));
    assertEquals("epoch,loss,accuracy,auc,val_loss,val_accuracy,val_auc,lr", csv.get(0));
    assertEquals(history.epochs() + 1, csv.size());
    assertEquals(History.Stop.EARLY_STOPPING, history.stopReason(), history.toString());
    int best = history.bestEpoch();
    assertEquals(history.epochs() - 10, best, "stopped 10 epochs after the best");
    assertTrue(history.get("val_accuracy")[best - 1] > 0.95f, history.toString());
    assertFalse(Files.exists(dir.resolve("run.backup")));
    System.out.println("docs example: " + history + ", val_accuracy " + history.get("val_accuracy")[best - 1]
        + ", val_auc " + history.get("val_auc")[best - 1]);
  }
}
