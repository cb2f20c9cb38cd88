package chainrule.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A history's columns, in their fixed order, one value per epoch; absent ones have index -1. Their arrays grow
 * with the epochs run, as {@link StepLosses} does: a run of many epochs may stop early. One JVM's
 * {@link Training} and chainrule-spark's driver loop (loss, val_loss, lr) keep theirs here.
 */
public final class Columns {
  /** Epochs held before the first one ends. */
  private static final int INITIAL = 1024;

  public final int loss;
  public final int accuracy;
  public final int auc;
  public final int valLoss;
  public final int valAccuracy;
  public final int valAuc;
  public final int lr;
  /** The epochs the run can take. */
  final int epochs;
  private final List<String> names = new ArrayList<>();
  /** By column, then epoch: at least as long as the epochs run, at most {@link #epochs}. */
  public final float[][] values;

  /** The columns a run with these metrics, validation and learning rate has, for up to {@code epochs} epochs. */
  public Columns(boolean accuracy, boolean auc, boolean validation, boolean rate, int epochs) {
    this.loss = add("loss", true);
    this.accuracy = add("accuracy", accuracy);
    this.auc = add("auc", auc);
    this.valLoss = add("val_loss", validation);
    this.valAccuracy = add("val_accuracy", validation && accuracy);
    this.valAuc = add("val_auc", validation && auc);
    this.lr = add("lr", rate);
    this.epochs = epochs;
    this.values = new float[names.size()][Math.min(epochs, INITIAL)];
  }

  /** Makes every column hold at least {@code count} epochs. */
  void ensure(int count) {
    for (int c = 0; c < values.length; c++) {
      if (values[c].length < count) {
        values[c] = Arrays.copyOf(values[c], (int) Math.min(epochs, Math.max(count, 2L * values[c].length)));
      }
    }
  }

  private int add(String name, boolean present) {
    if (!present) {
      return -1;
    }
    names.add(name);
    return names.size() - 1;
  }

  /** Epoch {@code epoch}'s value (from 0) in {@code column}, if the run has that column (index ≥ 0). */
  public void set(int column, int epoch, float value) {
    if (column >= 0) {
      ensure(epoch + 1);
      values[column][epoch] = value;
    }
  }

  public List<String> names() {
    return names;
  }

  /** {@code loss 0.1234  val_loss 0.2345 ...} without the rate, for the progress line. */
  String summary(int epoch) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < names.size(); c++) {
      if (c != lr) {
        s.append(s.length() == 0 ? "" : "  ").append(names.get(c)).append(' ')
            .append(String.format(Locale.ROOT, "%.6g", values[c][epoch]));
      }
    }
    return s.toString();
  }
}
