package demo;

import chainrule.Classifier;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Optimizer;
import chainrule.ReLU;
import chainrule.TorchGenerator;
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
   * Each parameter block's name, in PyTorch's order: what an error names.
   */
  private static final String[] PARAMETER_NAMES = {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"};

  /**
   * Where each block of {@link #PARAMETER_NAMES} starts in {@code params}.
   */
  private static final int[] PARAMETER_OFFSETS = {0, 32, 40, 64};

  /**
   * This network's constants, as the training driver and inference read them.
   */
  private static final Layout LAYOUT = new Layout(ARCHITECTURE, INPUTS, OUTPUTS, Layout.Targets.CLASSES, PARAMETER_NAMES, PARAMETER_OFFSETS);

  /**
   * Rows of one inference pass: up to 1024, fewer if the input row and the forward buffers,
   * 18 floats a row, would take more than 16 MiB.
   */
  private static final int INFERENCE_ROWS = Inference.chunkRows(18);

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
   * Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.
   * Forward passes only, {@link #INFERENCE_ROWS} rows at a time: the buffers stay small however many rows.
   */
  @Override
  public float[] forward(float[] x, int rows) {
    return Inference.forward(x, rows, INFERENCE_ROWS, LAYOUT, this::forwardPass, () -> l2);
  }

  /**
   * The predicted class of each row of {@code x}: the index of its largest logit (the first of
   * equals), as {@code torch.argmax(model(X), 1)}.
   */
  public int[] predict(float[] x, int rows) {
    float[] hypothesis = forward(x, rows);
    int[] predicted = new int[rows];
    Kernels.argmax(predicted, hypothesis, rows, OUTPUTS);
    return predicted;
  }

  /**
   * The CROSS_ENTROPY loss on {@code data} and, for a classifier, its accuracy, confusion matrix and (one
   * Sigmoid output) ROC AUC: forward passes only, {@link #INFERENCE_ROWS} rows at a time.
   */
  @Override
  public Evaluation evaluate(Data data) {
    return Inference.evaluate(data, network(), INFERENCE_ROWS);
  }

  /**
   * The CROSS_ENTROPY loss of {@code x} against the class indices {@code labels} ({@code rows} of them, each
   * in {@code [0, OUTPUTS)}), leaving its gradients in the layers. Parameters are not changed.
   */
  @Override
  public float lossAndGradients(float[] x, int[] labels, int rows) {
    Checks.batch("x", x, rows, INPUTS);
    Checks.labels("labels", labels, rows, OUTPUTS);
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
    int[] L = run.batchLabels();
    while (run.nextEpoch()) {
      // for epoch in range(epochs): the loader draws its seeds here
      while (run.nextBatch()) {
        // for X, L in data_loader: this batch's rows, in the epoch's order
        int rows = run.gather(X, L);
        // cost = criterion(model(X), L); cost.backward()
        float cost = backprop(X, L, rows);
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
  private float backprop(float[] X, int[] labels, int rows) {
    forwardPass(X, rows);
    // cost = CrossEntropy(l2, labels): log p = l2 - m - log Σ exp(l2 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l2, labels, rows, OUTPUTS);
    backwardPass(X, labels, rows);
    return cost;
  }

  /**
   * This network as the training driver and inference see it: its layout, its live parameters
   * and gradients, its generator, its forward pass in evaluation mode, its output and its loss,
   * and the threads its optimizer's update may use.
   */
  private Trainee network() {
    return Trainee.ofLabels(LAYOUT, params, grads, generator, this::forwardPass, () -> l2,
        (p, labels, rows) -> Kernels.crossEntropyForward(logp, p, labels, rows, OUTPUTS))
        .withWorkers(workers);
  }

  /**
   * Forward, layer by layer, keeping what backward needs; the output is left in {@code l2}.
   */
  private void forwardPass(float[] X, int rows) {
    ensureForwardCapacity(rows);
    // @Layer linear1 (Linear 4 -> 8), relu1: l1 = X·w1ᵀ + b1; a1 = relu(l1)
    Kernels.linearReluForward(a1, X, params, W1, B1, rows, 4, 8, workers);
    // @Layer linear2 (Linear 8 -> 3): l2 = a1·w2ᵀ + b2
    Kernels.linearForward(l2, a1, params, W2, B2, rows, 8, 3, workers);
  }

  /**
   * Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.
   */
  private void backwardPass(float[] X, int[] labels, int rows) {
    ensureBackwardCapacity(rows);
    // linear2 + CrossEntropy, grad of cost = mean(-log softmax(l2)[label]):
    //   d_l2 = (softmax(l2) - onehot(labels)) / n, since log-softmax's Jacobian turns NLL's -1/n at the label into softmax/n
    Kernels.crossEntropyBackward(d_l2, logp, labels, rows, 3);
    // linear2, grad of l2 = a1·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2
    // relu1, grad of a1 = relu(l1): d_l1 = d_a1 · [a1 > 0], d_a1 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l1, grads, d_l2, a1, params, W2, B2, rows, 8, 3, workers);
    // linear1, grad of l1 = X·w1ᵀ + b1: d_w1 = d_l1ᵀ·X; d_b1 = Σ_rows d_l1
    Kernels.linearBackward(null, grads, d_l1, X, params, W1, B1, rows, 4, 8, workers);
  }

  private void ensureForwardCapacity(int rows) {
    if (rows <= forwardCapacity) {
      return;
    }
    // rows × 8 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 8);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] a1 = new float[rows * 8];
    float[] l2 = new float[rows * 3];
    float[] logp = new float[rows * 3];
    this.a1 = a1;
    this.l2 = l2;
    this.logp = logp;
    forwardCapacity = rows;
  }

  private void ensureBackwardCapacity(int rows) {
    if (rows <= backwardCapacity) {
      return;
    }
    // rows × 8 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 8);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] d_l2 = new float[rows * 3];
    float[] d_l1 = new float[rows * 8];
    this.d_l2 = d_l2;
    this.d_l1 = d_l1;
    backwardCapacity = rows;
  }

  /**
   * Frees the buffers of the passes; the next pass allocates them again, as large as its batch.
   * The parameters stay.
   */
  @Override
  public void release() {
    a1 = null;
    l2 = null;
    logp = null;
    d_l2 = null;
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
    return "IrisNet(" + ARCHITECTURE + ")";
  }
}
