package chainrule;

/**
 * What every generated {@code <Model>Net} can do, so that code can train any of them: a training loop,
 * a gradient check, a benchmark. Batches are row-major {@code float[]}s of {@code rows × features}.
 */
public interface Trainable {
  /** Predictions for {@code x} ({@code rows × inputs}): a new array of {@code rows × outputs}. */
  float[] forward(float[] x, int rows);

  /** The loss of {@code x} against the targets {@code y}, leaving its gradients in the layers; no update. */
  float lossAndGradients(float[] x, float[] y, int rows);

  /** Forward, loss, backward and one update by {@code optimizer}; returns the loss before the update. */
  float trainStep(float[] x, float[] y, int rows, Optimizer optimizer);
}
