package chainrule;

/**
 * A generated network trained on class labels: {@link Loss#CROSS_ENTROPY}. Labels are one class index in
 * {@code [0, outputs)} per row; {@link #forward} gives the logits. (A BCE or MSE network is a {@link Trainable}.)
 */
public interface Classifier extends Net {
  /**
   * The cross-entropy of {@code x} against {@code labels} ({@code rows} class indices), leaving its gradients in
   * the layers; no update. A label outside {@code [0, outputs)} is an IllegalArgumentException naming its row.
   */
  float lossAndGradients(float[] x, int[] labels, int rows);

  /** Forward, loss, backward and one update by {@code optimizer}; returns the loss before the update. */
  float trainStep(float[] x, int[] labels, int rows, Optimizer optimizer);

  @Override
  Classifier threads(int threads);
}
