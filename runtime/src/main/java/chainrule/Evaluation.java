package chainrule;

/**
 * A network's loss and metrics on a data set, from forward passes only (no gradients, no update).
 *
 * @param rows the rows measured
 * @param loss the mean loss over them, as the network's loss defines it
 * @param accuracy the fraction predicted right (see {@link Metric#ACCURACY}); NaN for MSE networks
 * @param auc the ROC AUC for one Sigmoid output; NaN otherwise
 * @param confusion {@code [true class][predicted class]} counts for classifiers; null otherwise
 */
public record Evaluation(int rows, float loss, float accuracy, float auc, long[][] confusion) {
  @Override
  public String toString() {
    return "Evaluation(" + rows + " rows, loss " + loss + (Float.isNaN(accuracy) ? "" : ", accuracy " + accuracy)
        + (Float.isNaN(auc) ? "" : ", auc " + auc) + ")";
  }
}
