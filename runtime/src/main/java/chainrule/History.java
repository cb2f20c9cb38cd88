package chainrule;

import chainrule.internal.AtomicFile;
import chainrule.internal.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@code fit} call did, epoch by epoch: the training loss (the row-weighted mean of the epoch's
 * batch losses, each taken before its update, as Keras reports it), the metrics, the validation loss and
 * metrics, the learning rate; every step's loss; the best epoch and why training stopped; for
 * classification, the confusion matrix at the end. Accessors return copies.
 *
 * <p>Columns, in this order, each present only when measured: {@code loss}, {@code accuracy}, {@code auc},
 * {@code val_loss}, {@code val_accuracy}, {@code val_auc}, {@code lr}.
 */
public final class History {
  /** Why training ended. */
  public enum Stop {
    /** All the epochs asked for ran. */
    COMPLETED,
    /** The monitored value stopped improving for {@code patience} epochs. */
    EARLY_STOPPING,
    /** A {@link Listener} called {@link Status#stop()}. */
    LISTENER
  }

  private final String[] columns;
  private final float[][] values; // [column][epoch]
  private final int epochs;
  private final float[] batchLosses;
  private final Monitor monitor;
  private final int bestEpoch;
  private final Stop stop;
  private final long[][] confusion;
  private final int resumedEpochs;

  private History(String[] columns, float[][] values, int epochs, float[] batchLosses, Monitor monitor,
      int bestEpoch, Stop stop, long[][] confusion, int resumedEpochs) {
    this.columns = columns;
    this.values = values;
    this.epochs = epochs;
    this.batchLosses = batchLosses;
    this.monitor = monitor;
    this.bestEpoch = bestEpoch;
    this.stop = stop;
    this.confusion = confusion;
    this.resumedEpochs = resumedEpochs;
  }

  /**
   * A history of {@code epochs} epochs (the runtime's training driver builds it; it copies what it is
   * given). {@code values[c]} holds column {@code columns[c]}, at least {@code epochs} long;
   * {@code bestEpoch} counts from 1 (0: none); {@code confusion} is null unless the network classifies.
   */
  public static History of(List<String> columns, float[][] values, int epochs, float[] batchLosses,
      Monitor monitor, int bestEpoch, Stop stop, long[][] confusion, int resumedEpochs) {
    Checks.notNull("columns", columns);
    Checks.notNull("values", values);
    Checks.notNull("batchLosses", batchLosses);
    Checks.notNull("monitor", monitor);
    Checks.notNull("stop", stop);
    if (epochs < 0 || bestEpoch < 0 || bestEpoch > epochs || resumedEpochs < 0 || resumedEpochs > epochs) {
      throw new IllegalArgumentException("epochs must be >= 0 and bestEpoch, resumedEpochs in [0, epochs]; were "
          + epochs + ", " + bestEpoch + ", " + resumedEpochs);
    }
    if (columns.size() != values.length) {
      throw new IllegalArgumentException("columns has " + columns.size() + " names for " + values.length + " columns");
    }
    float[][] copied = new float[values.length][];
    for (int c = 0; c < values.length; c++) {
      if (values[c].length < epochs) {
        throw new IllegalArgumentException("column " + columns.get(c) + " has " + values[c].length
            + " values for " + epochs + " epochs");
      }
      copied[c] = Arrays.copyOf(values[c], epochs);
    }
    long[][] matrix = null;
    if (confusion != null) {
      matrix = new long[confusion.length][];
      for (int i = 0; i < confusion.length; i++) {
        matrix[i] = confusion[i].clone();
      }
    }
    return new History(columns.toArray(new String[0]), copied, epochs, batchLosses.clone(), monitor, bestEpoch,
        stop, matrix, resumedEpochs);
  }

  /** Epochs run, including those restored from a backup. */
  public int epochs() {
    return epochs;
  }

  /** The column names, in order. */
  public List<String> columns() {
    return List.of(columns);
  }

  /** True if column {@code name} was measured. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** Column {@code name}, one value per epoch. */
  public float[] get(String name) {
    int c = indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name + " in this history; it has " + columns());
    }
    return values[c].clone();
  }

  /** The monitored quantity's column. */
  public float[] get(Monitor quantity) {
    Checks.notNull("quantity", quantity);
    return get(quantity.column());
  }

  /** The training loss of each epoch: the row-weighted mean of its batches' losses, before their updates. */
  public float[] loss() {
    return get("loss");
  }

  /** The validation loss of each epoch, after its updates. */
  public float[] validationLoss() {
    return get("val_loss");
  }

  /** The learning rate of each epoch. */
  public float[] learningRates() {
    return get("lr");
  }

  /** The loss of every step this history covers, before its update, in order. */
  public float[] batchLosses() {
    return batchLosses.clone();
  }

  /** The quantity that chose the best epoch. */
  public Monitor monitor() {
    return monitor;
  }

  /** The best epoch by {@link #monitor()}, from 1. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Why training ended. */
  public Stop stopReason() {
    return stop;
  }

  /** Epochs that came from a backup rather than from this call (0 if it started afresh). */
  public int resumedEpochs() {
    return resumedEpochs;
  }

  /** True for a classifier, which has a {@link #confusionMatrix()}. */
  public boolean hasConfusionMatrix() {
    return confusion != null;
  }

  /**
   * For classification, with the weights {@code fit} ended with, on the validation rows (or the training
   * rows if there were none): {@code [true class][predicted class]} row counts.
   */
  public long[][] confusionMatrix() {
    if (confusion == null) {
      throw new IllegalStateException("no confusion matrix: the network is not a classifier (BCE or cross-entropy)");
    }
    long[][] copy = new long[confusion.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** One line per epoch: {@code epoch,loss,...}; values as Java prints floats (they read back exactly). */
  public String toCsv() {
    StringBuilder csv = new StringBuilder("epoch");
    for (String column : columns) {
      csv.append(',').append(column);
    }
    csv.append('\n');
    for (int e = 0; e < epochs; e++) {
      csv.append(e + 1);
      for (float[] column : values) {
        csv.append(',').append(column[e]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** Writes {@link #toCsv()} to {@code file}, replacing it atomically: a failed write leaves the old file. */
  public void writeCsv(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    AtomicFile.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
  }

  private int indexOf(String name) {
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].equals(name)) {
        return c;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("History(").append(epochs).append(epochs == 1 ? " epoch" : " epochs");
    if (epochs > 0) {
      s.append(", loss ").append(values[0][0]).append(" -> ").append(values[0][epochs - 1]);
      int c = indexOf(monitor.column());
      if (bestEpoch > 0 && c >= 0) {
        s.append(", best ").append(monitor.column()).append(' ').append(values[c][bestEpoch - 1])
            .append(" at epoch ").append(bestEpoch);
      }
    }
    return s.append(", ").append(stop.name().toLowerCase().replace('_', ' ')).append(')').toString();
  }
}
