package chainrule;

/**
 * The quantity that decides which epoch is best: for early stopping, {@link Fit#restoreBest},
 * {@link Fit#saveBest} and {@link Schedule#reduceOnPlateau}. Losses are better smaller, the others larger.
 */
public enum Monitor {
  LOSS("loss", Mode.MIN, false, null),
  ACCURACY("accuracy", Mode.MAX, false, Metric.ACCURACY),
  AUC("auc", Mode.MAX, false, Metric.AUC),
  VAL_LOSS("val_loss", Mode.MIN, true, null),
  VAL_ACCURACY("val_accuracy", Mode.MAX, true, Metric.ACCURACY),
  VAL_AUC("val_auc", Mode.MAX, true, Metric.AUC);

  /** Whether smaller or larger values are better. */
  public enum Mode {
    MIN,
    MAX
  }

  private final String column;
  private final Mode mode;
  private final boolean validation;
  private final Metric metric;

  Monitor(String column, Mode mode, boolean validation, Metric metric) {
    this.column = column;
    this.mode = mode;
    this.validation = validation;
    this.metric = metric;
  }

  /** Its column in {@link History}: {@code loss}, {@code val_accuracy}, ... */
  public String column() {
    return column;
  }

  /** Whether it is better smaller or larger, unless {@link Fit#monitor(Monitor, Mode)} says otherwise. */
  public Mode mode() {
    return mode;
  }

  /** True if it is measured on validation rows. */
  public boolean validation() {
    return validation;
  }

  /** The metric it needs, or null for a loss. */
  public Metric metric() {
    return metric;
  }
}
