package chainrule;

/**
 * A generated network trained on float targets: {@link Loss#BCE} and {@link Loss#MSE}. Targets are
 * {@code rows × outputs}, row-major. (A cross-entropy network is a {@link Classifier}.)
 */
public interface Trainable extends Net {
  /** The loss of {@code x} against the targets {@code y}, leaving its gradients in the layers; no update. */
  float lossAndGradients(float[] x, float[] y, int rows);

  /** Forward, loss, backward and one update by {@code optimizer}; returns the loss before the update. */
  float trainStep(float[] x, float[] y, int rows, Optimizer optimizer);

  @Override
  Trainable threads(int threads);
}
