package chainrule.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A history's columns, in their fixed order, one value per epoch; absent ones have index -1. */
final class Columns {
  final int loss;
  final int accuracy;
  final int auc;
  final int valLoss;
  final int valAccuracy;
  final int valAuc;
  final int lr;
  private final List<String> names = new ArrayList<>();
  final float[][] values;

  Columns(boolean accuracy, boolean auc, boolean validation, boolean rate, int epochs) {
    this.loss = add("loss", true);
    this.accuracy = add("accuracy", accuracy);
    this.auc = add("auc", auc);
    this.valLoss = add("val_loss", validation);
    this.valAccuracy = add("val_accuracy", validation && accuracy);
    this.valAuc = add("val_auc", validation && auc);
    this.lr = add("lr", rate);
    this.values = new float[names.size()][epochs];
  }

  private int add(String name, boolean present) {
    if (!present) {
      return -1;
    }
    names.add(name);
    return names.size() - 1;
  }

  void set(int column, int epoch, float value) {
    if (column >= 0) {
      values[column][epoch] = value;
    }
  }

  List<String> names() {
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
