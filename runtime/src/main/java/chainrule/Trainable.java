package chainrule;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every generated {@code <Model>Net} can do, so that code can train any of them: a training loop,
 * a gradient check, a benchmark. Batches are row-major {@code float[]}s of {@code rows × features}.
 */
public interface Trainable {
  /**
   * Predictions for {@code x} ({@code rows × inputs}): a new array of {@code rows × outputs}. A forward pass
   * only, in chunks of bounded size: any number of rows whose predictions fit in one array.
   */
  float[] forward(float[] x, int rows);

  /**
   * Trains on {@code train} as {@code fit} says: epochs of batches, each a forward pass, the loss, a backward
   * pass and one update. Returns what happened, epoch by epoch.
   */
  History fit(Data train, Fit fit);

  /** The loss (and, for classifiers, the metrics) on {@code data}, from forward passes only, in chunks. */
  Evaluation evaluate(Data data);

  /**
   * Frees the buffers the passes keep between calls; the next pass allocates them again. The parameters
   * stay.
   */
  void release();

  /** The loss of {@code x} against the targets {@code y}, leaving its gradients in the layers; no update. */
  float lossAndGradients(float[] x, float[] y, int rows);

  /** Forward, loss, backward and one update by {@code optimizer}; returns the loss before the update. */
  float trainStep(float[] x, float[] y, int rows, Optimizer optimizer);

  /**
   * Runs the large matrix products of each step on {@code threads} threads (1, the default, is this thread
   * alone); results are bit-identical whatever the count. Returns this network.
   */
  Trainable threads(int threads);

  /** Writes the parameters to {@code file}, replacing it atomically. */
  void save(Path file) throws IOException;

  /** Reads parameters written by {@link #save} from a network of the same architecture; checked before any change. */
  void load(Path file) throws IOException;

  /** How many parameters the network has: the length of {@link #parameters()}. */
  int parameterCount();

  /** A copy of all parameters in PyTorch's order ({@code model.parameters()}: each layer's weight, then its bias). */
  float[] parameters();

  /** Replaces all parameters with a copy of {@code values}, in the order of {@link #parameters()}; checks the length. */
  void setParameters(float[] values);
}
