package demo;

import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Optimizer;
import chainrule.ReLU;
import chainrule.Sigmoid;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import chainrule.internal.Buffers;
import chainrule.internal.Checkpoint;
import chainrule.internal.Checks;
import chainrule.internal.Inference;
import chainrule.internal.Kernels;
import chainrule.internal.Layout;
import chainrule.internal.LinearView;
import chainrule.internal.Trainee;
import chainrule.internal.Training;
import chainrule.internal.Updates;
import chainrule.internal.Workers;
import java.io.IOException;
import java.nio.file.Path;
import javax.annotation.processing.Generated;

/**
 * The network declared by {@link ReluChain}, written by chainrule at compile time.
 *
 * <pre>
 * input 2
 * relu0: ReLU
 * linear1: Linear(2 -> 4)
 * relu1: ReLU
 * relu1b: ReLU
 * linear2: Linear(4 -> 4)
 * sigmoid2: Sigmoid
 * relu2: ReLU
 * linear3: Linear(4 -> 1)
 * sigmoid3: Sigmoid
 * loss BCE
 * </pre>
 *
 * <p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the
 * buffers have grown to the largest batch seen.
 */
@Generated("chainrule.processor.NetworkProcessor")
public final class ReluChainNet extends ReluChain implements Trainable {
  /**
   * Features per input row.
   */
  public static final int INPUTS = 2;

  /**
   * Features per output row.
   */
  public static final int OUTPUTS = 1;

  /**
   * Parameters in PyTorch's order: linear1.weight, linear1.bias, linear2.weight, linear2.bias, linear3.weight, linear3.bias.
   */
  public static final int PARAMETER_COUNT = 37;

  /**
   * The layers and the loss; {@link #load} accepts only checkpoints of this architecture.
   */
  public static final String ARCHITECTURE = "relu0 ReLU, linear1 Linear(2 -> 4), relu1 ReLU, relu1b ReLU, linear2 Linear(4 -> 4), sigmoid2 Sigmoid, relu2 ReLU, linear3 Linear(4 -> 1), sigmoid3 Sigmoid; loss BCE";

  /**
   * linear1.weight, 4 × 2.
   */
  private static final int W1 = 0;

  /**
   * linear1.bias, 4.
   */
  private static final int B1 = 8;

  /**
   * linear2.weight, 4 × 4.
   */
  private static final int W2 = 12;

  /**
   * linear2.bias, 4.
   */
  private static final int B2 = 28;

  /**
   * linear3.weight, 1 × 4.
   */
  private static final int W3 = 32;

  /**
   * linear3.bias, 1.
   */
  private static final int B3 = 36;

  /**
   * Each parameter block's name, in PyTorch's order: what an error names.
   */
  private static final String[] PARAMETER_NAMES = {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "linear3.weight", "linear3.bias"};

  /**
   * Where each block of {@link #PARAMETER_NAMES} starts in {@code params}.
   */
  private static final int[] PARAMETER_OFFSETS = {0, 8, 12, 28, 32, 36};

  /**
   * This network's constants, as the training driver and inference read them.
   */
  private static final Layout LAYOUT = new Layout(ARCHITECTURE, INPUTS, OUTPUTS, Layout.Targets.PROBABILITIES, PARAMETER_NAMES, PARAMETER_OFFSETS);

  /**
   * Rows of one inference pass: up to 1024, fewer if the input row and the forward buffers,
   * 21 floats a row, would take more than 16 MiB.
   */
  private static final int INFERENCE_ROWS = Inference.chunkRows(21);

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
   * Rows the forward buffers below hold; they grow only when a larger batch arrives.
   */
  private int forwardCapacity;

  /**
   * Rows the gradient buffers below hold: 0 until the network trains.
   */
  private int backwardCapacity;

  /**
   * rows × 2: a0 = relu(X)
   */
  private float[] a0;

  /**
   * rows × 4: l1 = a0·w1ᵀ + b1; a1 = relu(l1)
   */
  private float[] a1;

  /**
   * rows × 4: a1_2 = relu(a1)
   */
  private float[] a1_2;

  /**
   * rows × 4: l2 = a1_2·w2ᵀ + b2; a2 = σ(l2)
   */
  private float[] a2;

  /**
   * rows × 4: a2_2 = relu(a2)
   */
  private float[] a2_2;

  /**
   * rows × 1: l3 = a2_2·w3ᵀ + b3; a3 = σ(l3)
   */
  private float[] a3;

  /**
   * rows × 1: gradient of l3
   */
  private float[] d_l3;

  /**
   * rows × 4: gradient of a2
   */
  private float[] d_a2;

  /**
   * rows × 4: gradient of l2
   */
  private float[] d_l2;

  /**
   * rows × 4: gradient of a1
   */
  private float[] d_a1;

  /**
   * rows × 4: gradient of l1
   */
  private float[] d_l1;

  private ReluChainNet(TorchGenerator generator) {
    this.generator = generator;
    relu0 = new ReLU();
    linear1 = new LinearView(params, grads, W1, 2, 4);
    relu1 = new ReLU();
    relu1b = new ReLU();
    linear2 = new LinearView(params, grads, W2, 4, 4);
    sigmoid2 = new Sigmoid();
    relu2 = new ReLU();
    linear3 = new LinearView(params, grads, W3, 4, 1);
    sigmoid3 = new Sigmoid();
  }

  /**
   * A new network initialised as {@code torch.manual_seed(seed)} followed by this network's
   * {@code nn.Linear} layers in field order would be, bit for bit.
   */
  public static ReluChainNet create(long seed) {
    TorchGenerator generator = new TorchGenerator(seed);
    ReluChainNet net = new ReluChainNet(generator);
    generator.initLinear(net.params, W1, 2, 4);
    generator.initLinear(net.params, W2, 4, 4);
    generator.initLinear(net.params, W3, 4, 1);
    return net;
  }

  /**
   * Runs the large matrix products of each step on {@code threads} threads: this one and
   * {@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread
   * alone. Results are bit-identical whatever the count. Returns this network.
   */
  @Override
  public ReluChainNet threads(int threads) {
    workers = Workers.of(threads);
    return this;
  }

  /**
   * Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.
   * Forward passes only, {@link #INFERENCE_ROWS} rows at a time: the buffers stay small however many rows.
   */
  @Override
  public float[] forward(float[] x, int rows) {
    return Inference.forward(x, rows, INFERENCE_ROWS, LAYOUT, this::forwardPass, () -> a3);
  }

  /**
   * The predicted class of each row of {@code x}: 1 where the probability is above 0.5, else 0,
   * as the lecture's {@code predicted = (hypothesis > 0.5)}.
   */
  public int[] predict(float[] x, int rows) {
    float[] hypothesis = forward(x, rows);
    int[] predicted = new int[rows];
    Kernels.sigmoidPredict(predicted, hypothesis, rows);
    return predicted;
  }

  /**
   * The BCE loss on {@code data} and, for a classifier, its accuracy, confusion matrix and (one
   * Sigmoid output) ROC AUC: forward passes only, {@link #INFERENCE_ROWS} rows at a time.
   */
  @Override
  public Evaluation evaluate(Data data) {
    return Inference.evaluate(data, network(), INFERENCE_ROWS);
  }

  /**
   * The BCE loss of {@code x} against the targets {@code y} ({@code rows × OUTPUTS}), leaving
   * its gradients in the layers. Parameters are not changed.
   */
  @Override
  public float lossAndGradients(float[] x, float[] y, int rows) {
    Checks.batch("x", x, rows, INPUTS);
    Checks.probabilities("y", y, rows, OUTPUTS);
    forwardPass(x, rows);
    float cost = Kernels.bceForward(a3, y, rows * OUTPUTS);
    backwardPass(x, y, rows);
    return cost;
  }

  /**
   * One training step: forward, loss, backward, and one update by {@code optimizer}.
   * Returns the loss before the update, like {@code cost.item()} in the lecture.
   */
  @Override
  public float trainStep(float[] x, float[] y, int rows, Optimizer optimizer) {
    Checks.notNull("optimizer", optimizer);
    float cost = lossAndGradients(x, y, rows);
    // optimizer.step(), split between the network's threads if it has many parameters
    Updates.step(optimizer, params, grads, workers);
    return cost;
  }

  /**
   * Trains on {@code train} as {@code fit} says, like the lecture's loop: for each epoch, for each
   * batch (in PyTorch's {@code DataLoader} order when shuffled), forward, loss, backward and one
   * update. Returns the history; what is policy lives in {@link Training}.
   */
  @Override
  public History fit(Data train, Fit fit) {
    Training run = Training.begin(train, fit, network());
    float[] X = run.batchFeatures();
    float[] Y = run.batchTargets();
    while (run.nextEpoch()) {
      // for epoch in range(epochs): the loader draws its seeds here
      while (run.nextBatch()) {
        // for X, Y in data_loader: this batch's rows, in the epoch's order
        int rows = run.gather(X, Y);
        // cost = criterion(model(X), Y); cost.backward()
        float cost = backprop(X, Y, rows);
        // optimizer.step(), once the loss and the gradients are known to be finite
        run.step(cost, rows);
      }
      // validation, metrics, schedule, early stopping, backup
      run.epochEnd();
    }
    return run.end();
  }

  /**
   * {@link #lossAndGradients} without its checks: what {@link #fit} steps on, on batches the training
   * driver has checked once.
   */
  private float backprop(float[] X, float[] Y, int rows) {
    forwardPass(X, rows);
    float cost = Kernels.bceForward(a3, Y, rows * OUTPUTS);
    backwardPass(X, Y, rows);
    return cost;
  }

  /**
   * This network as the training driver and inference see it: its layout, its live parameters
   * and gradients, its generator, its forward pass in evaluation mode, its output and its loss,
   * and the threads its optimizer's update may use.
   */
  private Trainee network() {
    return Trainee.ofTargets(LAYOUT, params, grads, generator, this::forwardPass, () -> a3,
        (p, y, rows) -> Kernels.bceForward(p, y, rows * OUTPUTS))
        .withWorkers(workers);
  }

  /**
   * Forward, layer by layer, keeping what backward needs; the output is left in {@code a3}.
   */
  private void forwardPass(float[] X, int rows) {
    ensureForwardCapacity(rows);
    // @Layer relu0: a0 = relu(X)
    Kernels.reluForward(a0, X, rows * 2);
    // @Layer linear1 (Linear 2 -> 4), relu1: l1 = a0·w1ᵀ + b1; a1 = relu(l1)
    Kernels.linearReluForward(a1, a0, params, W1, B1, rows, 2, 4, workers);
    // @Layer relu1b: a1_2 = relu(a1)
    Kernels.reluForward(a1_2, a1, rows * 4);
    // @Layer linear2 (Linear 4 -> 4), sigmoid2: l2 = a1_2·w2ᵀ + b2; a2 = σ(l2)
    Kernels.linearSigmoidForward(a2, a1_2, params, W2, B2, rows, 4, 4, workers);
    // @Layer relu2: a2_2 = relu(a2)
    Kernels.reluForward(a2_2, a2, rows * 4);
    // @Layer linear3 (Linear 4 -> 1), sigmoid3: l3 = a2_2·w3ᵀ + b3; a3 = σ(l3)
    Kernels.linearSigmoidForward(a3, a2_2, params, W3, B3, rows, 4, 1, workers);
  }

  /**
   * Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.
   */
  private void backwardPass(float[] X, float[] Y, int rows) {
    ensureBackwardCapacity(rows);
    // sigmoid3 + BCE, grad of a3 = σ(l3) and cost = BCE(a3, Y):
    //   d_l3 = (a3 - Y) / n, since σ'(l3) = a3·(1 - a3) cancels BCE's 1 / (a3·(1 - a3))
    Kernels.sigmoidBceBackward(d_l3, a3, Y, rows);
    // linear3, grad of l3 = a2_2·w3ᵀ + b3: d_w3 = d_l3ᵀ·a2_2; d_b3 = Σ_rows d_l3; d_a2_2 = d_l3·w3
    // relu2, grad of a2_2 = relu(a2): d_a2 = d_a2_2 · [a2_2 > 0], d_a2_2 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_a2, grads, d_l3, a2_2, params, W3, B3, rows, 4, 1, workers);
    // sigmoid2, grad of a2 = σ(l2): d_l2 = d_a2 · a2·(1 - a2)
    Kernels.sigmoidBackward(d_l2, d_a2, a2, rows * 4);
    // linear2, grad of l2 = a1_2·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1_2; d_b2 = Σ_rows d_l2; d_a1_2 = d_l2·w2
    // relu1b, grad of a1_2 = relu(a1): d_a1 = d_a1_2 · [a1_2 > 0], d_a1_2 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_a1, grads, d_l2, a1_2, params, W2, B2, rows, 4, 4, workers);
    // relu1, grad of a1 = relu(l1): d_l1 = d_a1 · [a1 > 0]
    Kernels.reluBackward(d_l1, d_a1, a1, rows * 4);
    // linear1, grad of l1 = a0·w1ᵀ + b1: d_w1 = d_l1ᵀ·a0; d_b1 = Σ_rows d_l1
    Kernels.linearBackward(null, grads, d_l1, a0, params, W1, B1, rows, 2, 4, workers);
  }

  private void ensureForwardCapacity(int rows) {
    if (rows <= forwardCapacity) {
      return;
    }
    // rows × 4 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 4);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] a0 = new float[rows * 2];
    float[] a1 = new float[rows * 4];
    float[] a1_2 = new float[rows * 4];
    float[] a2 = new float[rows * 4];
    float[] a2_2 = new float[rows * 4];
    float[] a3 = new float[rows];
    this.a0 = a0;
    this.a1 = a1;
    this.a1_2 = a1_2;
    this.a2 = a2;
    this.a2_2 = a2_2;
    this.a3 = a3;
    forwardCapacity = rows;
  }

  private void ensureBackwardCapacity(int rows) {
    if (rows <= backwardCapacity) {
      return;
    }
    // rows × 4 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 4);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] d_l3 = new float[rows];
    float[] d_a2 = new float[rows * 4];
    float[] d_l2 = new float[rows * 4];
    float[] d_a1 = new float[rows * 4];
    float[] d_l1 = new float[rows * 4];
    this.d_l3 = d_l3;
    this.d_a2 = d_a2;
    this.d_l2 = d_l2;
    this.d_a1 = d_a1;
    this.d_l1 = d_l1;
    backwardCapacity = rows;
  }

  /**
   * Frees the buffers of the passes; the next pass allocates them again, as large as its batch.
   * The parameters stay.
   */
  @Override
  public void release() {
    a0 = null;
    a1 = null;
    a1_2 = null;
    a2 = null;
    a2_2 = null;
    a3 = null;
    d_l3 = null;
    d_a2 = null;
    d_l2 = null;
    d_a1 = null;
    d_l1 = null;
    forwardCapacity = 0;
    backwardCapacity = 0;
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
    return "ReluChainNet(" + ARCHITECTURE + ")";
  }
}
