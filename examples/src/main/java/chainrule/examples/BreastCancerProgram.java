package chainrule.examples;

import chainrule.Adam;
import chainrule.Csv;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Metric;
import chainrule.Standardizer;
import chainrule.examples.plot.LossCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Beyond the lecture ({@code breast-cancer}): a real data set trained with the generated {@code fit}. The
 * 569 fine-needle aspirates of scikit-learn's breast cancer set (data/sklearn, 30 measurements each,
 * malignant 0 or benign 1), a fifth held out stratified, standardised with the training rows' statistics,
 * then the network {@link Wdbc} (30-16-1, ReLU, Sigmoid, BCE) trained with Adam in shuffled batches of 32,
 * validated after every epoch (loss, accuracy, ROC AUC), stopped when the validation loss has not improved
 * for 10 epochs, and put back to its best epoch.
 *
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar breast-cancer
 * [--data FILE] [--out DIR]}. It prints one line per epoch and a summary, and writes {@code history.csv}
 * (one row per epoch) and {@code loss.png} (training and validation loss) into {@code target/breast-cancer}.
 * Expected (seeded, so every run prints the same):
 * <pre>
 * data/sklearn/breast_cancer.csv: 569 rows of 30 features; 113 held out (stratified, seed 42), 456 for training, …
 * WdbcNet(linear1 Linear(30 -&gt; 16), relu1 ReLU, linear2 Linear(16 -&gt; 1), sigmoid2 Sigmoid; loss BCE)
 * epoch   1: loss 0.6825 accuracy 0.5702 auc 0.5223 val_loss 0.6419 val_accuracy 0.6637 val_auc 0.7995
 * ...
 * epoch  99: loss 0.0389 accuracy 0.9912 auc 0.9991 val_loss 0.0253 val_accuracy 0.9912 val_auc 1.0000
 *
 * stopped early after epoch 99 of 200: val_loss had not improved for 10 epochs
 * best epoch 89 (val_loss 0.0233); its weights restored
 * validation (113 rows): loss 0.0233, accuracy 1.0000, AUC 1.0000
 * confusion matrix on the validation rows (rows: true class, columns: predicted):
 *                malignant     benign
 *   malignant          42          0
 *   benign              0         71
 * wrote target/breast-cancer/history.csv (99 epochs) and target/breast-cancer/loss.png
 * </pre>
 */
final class BreastCancerProgram {
  private BreastCancerProgram() {}

  static final Path DEFAULT_DATA = Path.of("data", "sklearn", "breast_cancer.csv");
  static final Path DEFAULT_OUT = Path.of("target", "breast-cancer");
  /** Seeds both the held-out split and {@code WdbcNet.create}. */
  static final long SEED = 42;
  static final double HELD_OUT = 0.2;
  static final int MAX_EPOCHS = 200;
  static final int BATCH_SIZE = 32;
  static final float LEARNING_RATE = 0.001f;
  static final int PATIENCE = 10;
  /** The file's class names, by label (its header: {@code 569,30,malignant,benign}). */
  static final List<String> CLASSES = List.of("malignant", "benign");

  /** What a run produced. {@code validation} is measured with the weights it ended with (the best epoch's). */
  record Run(History history, Evaluation validation, Path historyCsv, Path lossPng) {}

  static void run(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse("breast-cancer", args, List.of("--data", "--out"), "--data FILE, --out DIR");
    train(options.path("--data", DEFAULT_DATA), options.path("--out", DEFAULT_OUT), out);
  }

  /** Reads {@code file}, trains, prints to {@code out} and writes the history and the picture into {@code dir}. */
  static Run train(Path file, Path dir, PrintStream out) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("--data " + file + " is a directory; give the CSV file, such as "
          + DEFAULT_DATA);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--data " + file + ": no such file (looked for " + file.toAbsolutePath()
          + "); the default " + DEFAULT_DATA + " is relative to the repository root, so run from there or give"
          + " --data FILE");
    }
    Files.createDirectories(dir); // a place it cannot write fails now, not after training
    Data data = Csv.targets(file, -1); // 30 features, then the label 0/1 as BCE's target
    Data.Split split = data.split(HELD_OUT, SEED);
    Standardizer standardizer = Standardizer.fit(split.train());
    Data train = standardizer.apply(split.train());
    Data validation = standardizer.apply(split.validation());
    out.println(file + ": " + data.rows() + " rows of " + data.inputs() + " features; " + validation.rows()
        + " held out (stratified, seed " + SEED + "), " + train.rows()
        + " for training, standardised with the training rows' mean and std");

    WdbcNet net = WdbcNet.create(SEED);
    out.println(net);
    History history = net.fit(train, Fit.epochs(MAX_EPOCHS)
        .optimizer(new Adam(LEARNING_RATE)).batchSize(BATCH_SIZE).shuffle(true)
        .validation(validation).metrics(Metric.ACCURACY, Metric.AUC)
        .earlyStopping(PATIENCE).restoreBest(true)
        .listener(Listener.onEpochEnd(status -> out.println(epochLine(status.history(), status.epoch() - 1))))
        .silent()); // the listener prints one line per epoch to out, as plain lines for logs and tests
    Evaluation evaluation = net.evaluate(validation);
    summary(history, evaluation, out);

    Path csv = dir.resolve("history.csv");
    history.writeCsv(csv);
    Path png = dir.resolve("loss.png");
    new LossCurves()
        .title("breast cancer, 30-16-1 ReLU, Adam(" + LEARNING_RATE + "), batch " + BATCH_SIZE + ": best epoch "
            + history.bestEpoch() + " of " + history.epochs())
        .series("train loss", history.loss())
        .series("validation loss", history.validationLoss())
        .logScale(true)
        .write(png);
    out.println("wrote " + csv + " (" + history.epochs() + " epochs) and " + png);
    return new Run(history, evaluation, csv, png);
  }

  /** {@code epoch 7: loss 0.1234 accuracy …}: every column of epoch {@code e} (from 0) but the learning rate. */
  static String epochLine(History history, int e) {
    StringBuilder line = new StringBuilder(String.format("epoch %3d:", e + 1));
    for (String column : history.columns()) {
      if (!column.equals("lr")) {
        line.append(String.format(" %s %.4f", column, history.get(column)[e]));
      }
    }
    return line.toString();
  }

  private static void summary(History history, Evaluation validation, PrintStream out) {
    out.println();
    String monitored = history.monitor().column();
    switch (history.stopReason()) {
      case EARLY_STOPPING -> out.printf("stopped early after epoch %d of %d: %s had not improved for %d epochs%n",
          history.epochs(), MAX_EPOCHS, monitored, history.epochs() - history.bestEpoch());
      case COMPLETED -> out.printf("completed all %d epochs%n", history.epochs());
      case LISTENER -> out.printf("stopped by a listener after epoch %d of %d%n", history.epochs(), MAX_EPOCHS);
    }
    out.printf("best epoch %d (%s %.4f); its weights restored%n", history.bestEpoch(), monitored,
        history.get(monitored)[history.bestEpoch() - 1]);
    out.printf("validation (%d rows): loss %.4f, accuracy %.4f, AUC %.4f%n", validation.rows(), validation.loss(),
        validation.accuracy(), validation.auc());
    out.println("confusion matrix on the validation rows (rows: true class, columns: predicted):");
    long[][] confusion = history.confusionMatrix();
    out.printf("  %-10s", "");
    for (String name : CLASSES) {
      out.printf(" %10s", name);
    }
    out.println();
    for (int t = 0; t < confusion.length; t++) {
      out.printf("  %-10s", CLASSES.get(t));
      for (long count : confusion[t]) {
        out.printf(" %10d", count);
      }
      out.println();
    }
  }
}
