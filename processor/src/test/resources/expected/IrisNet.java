package demo;

import chainrule.Classifier;
import chainrule.Optimizer;
import chainrule.ReLU;
import chainrule.TorchGenerator;
import chainrule.internal.Checkpoint;
import chainrule.internal.Checks;
import chainrule.internal.Kernels;
import chainrule.internal.LinearView;
import chainrule.internal.Workers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.annotation.processing.Generated;

/**
 * The network declared by {@link Iris}, written by chainrule at compile time.
 *
 * <pre>
 * input 4
 * linear1: Linear(4 -> 8)
 * relu1: ReLU
 * linear2: Linear(8 -> 3)
 * loss CROSS_ENTROPY
 * </pre>
 *
 * <p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the
 * buffers have grown to the largest batch seen.
 */
@Generated("chainrule.processor.NetworkProcessor")
public final class IrisNet extends Iris implements Classifier {
  /**
   * Features per input row.
   */
  public static final int INPUTS = 4;

  /**
   * Features per output row.
   */
  public static final int OUTPUTS = 3;

  /**
   * Parameters in PyTorch's order: linear1.weight, linear1.bias, linear2.weight, linear2.bias.
   */
  public static final int PARAMETER_COUNT = 67;

  /**
   * The layers and the loss; {@link #load} accepts only checkpoints of this architecture.
   */
  public static final String ARCHITECTURE = "linear1 Linear(4 -> 8), relu1 ReLU, linear2 Linear(8 -> 3); loss CROSS_ENTROPY";

  /**
   * linear1.weight, 8 × 4.
   */
  private static final int W1 = 0;

  /**
   * linear1.bias, 8.
   */
  private static final int B1 = 32;

  /**
   * linear2.weight, 3 × 8.
   */
  private static final int W2 = 40;

  /**
   * linear2.bias, 3.
   */
  private static final int B2 = 64;

  /**
   * All parameters, at the offsets above; layers are views into it.
   */
  private final float[] params = new float[PARAMETER_COUNT];

  /**
   * Gradients of the last backward pass, laid out like {@code params}.
   */
  private final float[] grads = new float[PARAMETER_COUNT];

  /**
   * The generator that initialised the parameters; training draws its shuffles from it, as PyTorch
   * draws from its global generator after initialisation.
   */
  private final TorchGenerator generator;

  /**
   * Threads the matrix products of a step run on; see {@link #threads(int)}.
   */
  private Workers workers = Workers.of(1);

  /**
   * Rows the buffers below hold; they grow only when a larger batch arrives.
   */
  private int capacity;

  /**
   * rows × 8: l1 = X·w1ᵀ + b1; a1 = relu(l1)
   */
  private float[] a1;

  /**
   * rows × 3: l2 = a1·w2ᵀ + b2
   */
  private float[] l2;

  /**
   * rows × 3: log_softmax(l2), kept by the loss for backward
   */
  private float[] logp;

  /**
   * rows × 3: gradient of l2
   */
  private float[] d_l2;

  /**
   * rows × 8: gradient of a1
   */
  private float[] d_a1;

  /**
   * rows × 8: gradient of l1
   */
  private float[] d_l1;

  private IrisNet(TorchGenerator generator) {
    this.generator = generator;
    linear1 = new LinearView(params, grads, W1, 4, 8);
    relu1 = new ReLU();
    linear2 = new LinearView(params, grads, W2, 8, 3);
  }

  /**
   * A new network initialised as {@code torch.manual_seed(seed)} followed by this network's
   * {@code nn.Linear} layers in field order would be, bit for bit.
   */
  public static IrisNet create(long seed) {
    TorchGenerator generator = new TorchGenerator(seed);
    IrisNet net = new IrisNet(generator);
    generator.initLinear(net.params, W1, 4, 8);
    generator.initLinear(net.params, W2, 8, 3);
    return net;
  }

  /**
   * Runs the large matrix products of each step on {@code threads} threads: this one and
   * {@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread
   * alone. Results are bit-identical whatever the count. Returns this network.
   */
  @Override
  public IrisNet threads(int threads) {
    workers = Workers.of(threads);
    return this;
  }

  /**
   * Logits (one score per class, before softmax) for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.
   */
  @Override
  public float[] forward(float[] x, int rows) {
    Checks.batch("x", x, rows, INPUTS);
    forwardPass(x, rows);
    return Arrays.copyOf(l2, rows * OUTPUTS);
  }

  /**
   * The CROSS_ENTROPY loss of {@code x} against the class indices {@code labels} ({@code rows} of them, each
   * in {@code [0, OUTPUTS)}), leaving its gradients in the layers. Parameters are not changed.
   */
  @Override
  public float lossAndGradients(float[] x, int[] labels, int rows) {
    Checks.batch("x", x, rows, INPUTS);
    Kernels.checkLabels(labels, rows, OUTPUTS);
    forwardPass(x, rows);
    // cost = CrossEntropy(l2, labels): log p = l2 - m - log Σ exp(l2 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l2, labels, rows, OUTPUTS);
    backwardPass(x, labels, rows);
    return cost;
  }

  /**
   * One training step: forward, loss, backward, and one update by {@code optimizer}.
   * Returns the loss before the update, like {@code cost.item()} in the lecture.
   */
  @Override
  public float trainStep(float[] x, int[] labels, int rows, Optimizer optimizer) {
    Checks.notNull("optimizer", optimizer);
    float cost = lossAndGradients(x, labels, rows);
    optimizer.step(params, grads);
    return cost;
  }

  /**
   * Forward, layer by layer, keeping what backward needs; the output is left in {@code l2}.
   */
  private void forwardPass(float[] X, int rows) {
    ensureCapacity(rows);
    // @Layer linear1 (Linear 4 -> 8), relu1: l1 = X·w1ᵀ + b1; a1 = relu(l1)
    Kernels.linearReluForward(a1, X, params, W1, B1, rows, 4, 8, workers);
    // @Layer linear2 (Linear 8 -> 3): l2 = a1·w2ᵀ + b2
    Kernels.linearForward(l2, a1, params, W2, B2, rows, 8, 3, workers);
  }

  /**
   * Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.
   */
  private void backwardPass(float[] X, int[] labels, int rows) {
    // linear2 + CrossEntropy, grad of cost = mean(-log softmax(l2)[label]):
    //   d_l2 = (softmax(l2) - onehot(labels)) / n, since log-softmax's Jacobian turns NLL's -1/n at the label into softmax/n
    Kernels.crossEntropyBackward(d_l2, logp, labels, rows, 3);
    // linear2, grad of l2 = a1·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2
    Kernels.linearBackward(d_a1, grads, d_l2, a1, params, W2, B2, rows, 8, 3, workers);
    // relu1, grad of a1 = relu(l1): d_l1 = d_a1 · [a1 > 0]
    Kernels.reluBackward(d_l1, d_a1, a1, rows * 8);
    // linear1, grad of l1 = X·w1ᵀ + b1: d_w1 = d_l1ᵀ·X; d_b1 = Σ_rows d_l1
    Kernels.linearBackward(null, grads, d_l1, X, params, W1, B1, rows, 4, 8, workers);
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    a1 = new float[rows * 8];
    l2 = new float[rows * 3];
    logp = new float[rows * 3];
    d_l2 = new float[rows * 3];
    d_a1 = new float[rows * 8];
    d_l1 = new float[rows * 8];
    capacity = rows;
  }

  @Override
  public int parameterCount() {
    return PARAMETER_COUNT;
  }

  /**
   * A copy of all {@link #PARAMETER_COUNT} parameters, in PyTorch's order.
   */
  @Override
  public float[] parameters() {
    return params.clone();
  }

  /**
   * Replaces all parameters with a copy of {@code values} ({@link #PARAMETER_COUNT} floats, in the
   * order of {@link #parameters()}).
   */
  @Override
  public void setParameters(float[] values) {
    Checks.length("values", values, PARAMETER_COUNT);
    System.arraycopy(values, 0, params, 0, PARAMETER_COUNT);
  }

  /**
   * Writes the parameters to {@code file}, replacing it atomically: if writing fails, the old
   * file is left as it was.
   */
  @Override
  public void save(Path file) throws IOException {
    Checkpoint.save(file, ARCHITECTURE, params);
  }

  /**
   * Reads parameters saved by {@link #save} from a network of the same {@link #ARCHITECTURE}.
   * The whole file is checked first: if it does not fit, nothing changes and an
   * {@link IllegalArgumentException} says why.
   */
  @Override
  public void load(Path file) throws IOException {
    Checkpoint.load(file, ARCHITECTURE, params);
  }

  @Override
  public String toString() {
    return "IrisNet(" + ARCHITECTURE + ")";
  }
}
