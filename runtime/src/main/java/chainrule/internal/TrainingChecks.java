package chainrule.internal;

import chainrule.Data;
import chainrule.Fit;
import chainrule.Metric;
import chainrule.Monitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything {@link Training#begin} checks before the first step, so that a run that cannot work fails at
 * once with an {@link IllegalArgumentException} naming the argument, the expected and the actual value,
 * and changes nothing: data widths and values, the options against the network, the files it will write.
 */
final class TrainingChecks {
  private TrainingChecks() {}

  /** The data and options as given (before a validation split). */
  static void check(Data train, Fit fit, Trainee net) {
    Layout layout = net.layout;
    if (fit.optimizer() == null) {
      throw new IllegalArgumentException(
          "fit has no optimizer; give one: Fit.epochs(" + fit.epochs() + ").optimizer(new Sgd(0.1f))");
    }
    data("train", train, layout);
    if (fit.validation() != null) {
      data("validation", fit.validation(), layout);
    }
    FitRules.checkSchedule(fit);
    writable("backup", fit.backup());
    writable("saveBest", fit.saveBest());
    writable("saveEvery", fit.saveEveryFile());
    notTheBackup("saveBest", fit.saveBest(), fit.backup());
    notTheBackup("saveEvery", fit.saveEveryFile(), fit.backup());
  }

  /** A checkpoint written to the backup's file would be deleted with it at the end, and spoil a resume. */
  private static void notTheBackup(String option, Path file, Path backup) {
    if (file == null || backup == null) {
      return;
    }
    // saveEvery's {epoch} stands for any epoch's number
    String pattern = file.toAbsolutePath().normalize().toString();
    String regex = Arrays.stream(pattern.split("\\{epoch}", -1)).map(Pattern::quote)
        .collect(Collectors.joining("[0-9]+"));
    if (backup.toAbsolutePath().normalize().toString().matches(regex)) {
      throw new IllegalArgumentException(option + " file " + file + " is the backup file; give them different "
          + "paths (the backup is deleted when fit completes)");
    }
  }

  /** The run as it will go: batches, monitor and metrics, after a validation split. */
  static void checkRun(Data train, Data validation, Fit fit, Trainee net) {
    int rows = train.rows();
    int batchSize = fit.batchSize() == 0 ? rows : fit.batchSize();
    if (fit.dropLast() && batchSize > rows) {
      throw new IllegalArgumentException("dropLast with batchSize " + batchSize + " > " + rows
          + " training rows leaves no batch; use a smaller batch or dropLast(false)");
    }
    long batches = fit.dropLast() ? rows / batchSize : ((long) rows + batchSize - 1) / batchSize;
    FitRules.checkSteps(fit.epochs(), batches);
    if (net.running.length > 0) {
      batchNorm(rows, batchSize, fit.dropLast());
    }
    Monitor monitor = FitRules.monitor(fit, validation != null);
    if (monitor.validation() && validation == null) {
      throw new IllegalArgumentException("monitor " + monitor + " needs validation rows: add .validation(data)"
          + " or .validationSplit(fraction), or monitor " + Monitor.valueOf(monitor.name().substring(4)));
    }
    for (Metric metric : fit.metrics()) {
      metric(metric, net.layout, "metrics");
    }
    if (monitor.metric() != null) {
      metric(monitor.metric(), net.layout, "monitor " + monitor);
    }
  }

  /**
   * BatchNorm1d normalises by the batch's variance, which one row does not have: torch refuses such a batch in
   * training, and so does a step ({@link Kernels}); fit refuses it before the first step, not at the last batch.
   */
  private static void batchNorm(int rows, int batchSize, boolean dropLast) {
    int full = Math.min(batchSize, rows);
    int last = dropLast || rows % full == 0 ? full : rows % full;
    if (last == 1) {
      throw new IllegalArgumentException("BatchNorm1d needs at least 2 rows in a training batch, but "
          + (full == 1 ? (rows == 1 ? "there is 1 training row" : "batchSize is 1")
              : rows + " training rows in batches of " + full + " leave a last batch of 1 row")
          + (full == 1 ? "; give it more rows a batch" : "; use dropLast(true) or another batch size"));
    }
  }

  private static void metric(Metric metric, Layout layout, String where) {
    Layout.Targets targets = layout.targets();
    if (targets == Layout.Targets.VALUES) {
      throw new IllegalArgumentException(where + " asks for " + metric + ", which needs a classifier; this network's "
          + "loss is MSE, whose targets are values, not classes");
    }
    if (metric == Metric.AUC && (targets != Layout.Targets.PROBABILITIES || layout.outputs() != 1)) {
      throw new IllegalArgumentException(where + " asks for AUC, which needs one Sigmoid output (BCE); this network "
          + "has " + layout.outputs() + (targets == Layout.Targets.CLASSES ? " classes" : " outputs"));
    }
  }

  static void data(String name, Data data, Layout layout) {
    if (data.inputs() != layout.inputs()) {
      throw new IllegalArgumentException(name + " has " + data.inputs() + " features per row; the network takes "
          + layout.inputs());
    }
    Layout.Targets targets = layout.targets();
    if (targets == Layout.Targets.CLASSES && !data.hasLabels()) {
      throw new IllegalArgumentException(name + " has float targets; a cross-entropy network needs class labels: "
          + "Data.labels(x, labels, rows)");
    }
    if (targets != Layout.Targets.CLASSES && data.hasLabels()) {
      throw new IllegalArgumentException(name + " has class labels; this network needs float targets (its loss is "
          + (targets == Layout.Targets.PROBABILITIES ? "BCE" : "MSE") + "): Data.of(x, y, rows)");
    }
    if (!data.hasLabels() && data.outputs() != layout.outputs()) {
      throw new IllegalArgumentException(name + " has " + data.outputs() + " targets per row; the network has "
          + layout.outputs() + (layout.outputs() == 1 ? " output" : " outputs"));
    }
    for (int r = 0; r < data.rows(); r++) {
      for (int c = 0; c < data.inputs(); c++) {
        float value = data.feature(r, c);
        if (!Float.isFinite(value)) {
          throw new IllegalArgumentException(name + " row " + r + ", feature " + c + " is " + value
              + "; every feature must be finite");
        }
      }
      if (data.hasLabels()) {
        int label = data.label(r);
        if (label >= layout.outputs()) {
          throw new IllegalArgumentException(name + " row " + r + " has label " + label + "; this network has "
              + layout.outputs() + " classes, so labels must be in [0, " + layout.outputs() + ")");
        }
        continue;
      }
      for (int c = 0; c < data.outputs(); c++) {
        float value = data.target(r, c);
        if (targets == Layout.Targets.PROBABILITIES ? !(value >= 0f && value <= 1f) : !Float.isFinite(value)) {
          throw new IllegalArgumentException(name + " row " + r + ", target " + c + " is " + value
              + (targets == Layout.Targets.PROBABILITIES ? "; BCE targets must be in [0, 1]"
                  : "; every target must be finite"));
        }
      }
    }
  }

  /** A file fit will write: its directory must exist, and it must not be a directory. */
  private static void writable(String option, Path file) {
    if (file == null) {
      return;
    }
    Path absolute = file.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(option + " file " + file + " is a directory; give the path of a file");
    }
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(option + " file " + file + ": directory " + directory + " does not exist");
    }
  }
}
