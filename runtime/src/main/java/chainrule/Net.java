package chainrule;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every generated {@code <Model>Net} can do, whatever its loss: predict, run on threads, save and load,
 * and expose its parameters. Batches are row-major {@code float[]}s of {@code rows × features}. How a network
 * trains depends on its loss, so the training methods are in the two interfaces that extend this one:
 * {@link Trainable} (BCE and MSE: float targets) and {@link Classifier} (cross-entropy: class labels). The
 * types say which loss a network has: a cross-entropy network has no method taking float targets, and a
 * BCE or MSE network none taking labels.
 */
public interface Net {
  /**
   * The network's output for {@code x} ({@code rows × inputs}): a new array of {@code rows × outputs}.
   * Probabilities or values for BCE and MSE networks, logits for cross-entropy networks, as the PyTorch
   * model's {@code forward} gives; layers that train differently (dropout, batch norm) run as in evaluation.
   * A forward pass only, in chunks of bounded size: any number of rows whose predictions fit in one array.
   */
  float[] forward(float[] x, int rows);

  /**
   * Trains on {@code train} as {@code fit} says: epochs of batches, each a forward pass, the loss, a backward
   * pass and one update. Returns what happened, epoch by epoch. {@code train} holds float targets for BCE and
   * MSE networks and class labels for cross-entropy networks.
   */
  History fit(Data train, Fit fit);

  /** The loss (and, for classifiers, the metrics) on {@code data}, from forward passes only, in chunks. */
  Evaluation evaluate(Data data);

  /**
   * Frees the buffers the passes keep between calls; the next pass allocates them again. The parameters
   * stay.
   */
  void release();

  /**
   * Runs the large matrix products of each step on {@code threads} threads (1, the default, is this thread
   * alone); results are bit-identical whatever the count. Returns this network.
   */
  Net threads(int threads);

  /** Writes the parameters (and any running statistics) to {@code file}, replacing it atomically. */
  void save(Path file) throws IOException;

  /** Reads what {@link #save} wrote for a network of the same architecture; checked before any change. */
  void load(Path file) throws IOException;

  /** How many parameters the network has: the length of {@link #parameters()}. */
  int parameterCount();

  /** A copy of all parameters in PyTorch's order ({@code model.parameters()}: each layer's weight, then its bias). */
  float[] parameters();

  /** Replaces all parameters with a copy of {@code values}, in the order of {@link #parameters()}; checks the length. */
  void setParameters(float[] values);
}
