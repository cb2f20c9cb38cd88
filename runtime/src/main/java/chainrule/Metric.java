package chainrule;

/**
 * What {@code fit} measures besides the loss (ask for them with {@link Fit#metrics}). On the training rows
 * they are running values over the epoch's batches, each batch measured before its update (as Keras
 * reports them); on validation rows they are measured after the epoch, without a backward pass.
 */
public enum Metric {
  /**
   * The fraction of predictions that are right: for a cross-entropy network the argmax of the logits
   * against the label; for BCE each output {@code p > 0.5} against its target {@code > 0.5}. Not for MSE.
   */
  ACCURACY("accuracy"),
  /**
   * The area under the ROC curve (ties counted half), for a network with one Sigmoid output: the chance
   * that a random positive row scores above a random negative one.
   */
  AUC("auc");

  private final String column;

  Metric(String column) {
    this.column = column;
  }

  /** The metric's name in {@link History} and its CSV: {@code accuracy}, {@code auc}. */
  public String column() {
    return column;
  }
}
