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
import chainrule.internal.TorchInit;
import chainrule.internal.Trainee;
import chainrule.internal.Training;
import chainrule.internal.Updates;
import chainrule.internal.Workers;
import java.io.IOException;
import java.nio.file.Path;
import javax.annotation.processing.Generated;

/**
 * The network declared by {@link Initialisers}, written by chainrule at compile time.
 *
 * <pre>
 * input 6
 * linear1: Linear(6 -> 5)
 * relu1: ReLU
 * linear2: Linear(5 -> 4)
 * relu2: ReLU
 * linear3: Linear(4 -> 4)
 * relu3: ReLU
 * linear4: Linear(4 -> 4)
 * relu4: ReLU
 * linear5: Linear(4 -> 3)
 * relu5: ReLU
 * linear6: Linear(3 -> 2)
 * loss CROSS_ENTROPY
 * </pre>
 *
 * <p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the
 * buffers have grown to the largest batch seen.
 */
@Generated("chainrule.processor.NetworkProcessor")
public final class InitialisersNet extends Initialisers implements Classifier {
  /**
   * Features per input row.
   */
  public static final int INPUTS = 6;

  /**
   * Features per output row.
   */
  public static final int OUTPUTS = 2;

  /**
   * Parameters in PyTorch's order: linear1.weight, linear1.bias, linear2.weight, linear2.bias, linear3.weight, linear3.bias, linear4.weight, linear4.bias, linear5.weight, linear5.bias, linear6.weight, linear6.bias.
   */
  public static final int PARAMETER_COUNT = 122;

  /**
   * The layers and the loss; {@link #load} accepts only checkpoints of this architecture.
   */
  public static final String ARCHITECTURE = "linear1 Linear(6 -> 5), relu1 ReLU, linear2 Linear(5 -> 4), relu2 ReLU, linear3 Linear(4 -> 4), relu3 ReLU, linear4 Linear(4 -> 4), relu4 ReLU, linear5 Linear(4 -> 3), relu5 ReLU, linear6 Linear(3 -> 2); loss CROSS_ENTROPY";

  /**
   * linear1.weight, 5 × 6.
   */
  private static final int W1 = 0;

  /**
   * linear1.bias, 5.
   */
  private static final int B1 = 30;

  /**
   * linear2.weight, 4 × 5.
   */
  private static final int W2 = 35;

  /**
   * linear2.bias, 4.
   */
  private static final int B2 = 55;

  /**
   * linear3.weight, 4 × 4.
   */
  private static final int W3 = 59;

  /**
   * linear3.bias, 4.
   */
  private static final int B3 = 75;

  /**
   * linear4.weight, 4 × 4.
   */
  private static final int W4 = 79;

  /**
   * linear4.bias, 4.
   */
  private static final int B4 = 95;

  /**
   * linear5.weight, 3 × 4.
   */
  private static final int W5 = 99;

  /**
   * linear5.bias, 3.
   */
  private static final int B5 = 111;

  /**
   * linear6.weight, 2 × 3.
   */
  private static final int W6 = 114;

  /**
   * linear6.bias, 2.
   */
  private static final int B6 = 120;

  /**
   * Each parameter block's name, in PyTorch's order: what an error names.
   */
  private static final String[] PARAMETER_NAMES = {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "linear3.weight", "linear3.bias", "linear4.weight", "linear4.bias", "linear5.weight", "linear5.bias", "linear6.weight", "linear6.bias"};

  /**
   * Where each block of {@link #PARAMETER_NAMES} starts in {@code params}.
   */
  private static final int[] PARAMETER_OFFSETS = {0, 30, 35, 55, 59, 75, 79, 95, 99, 111, 114, 120};

  /**
   * This network's constants, as the training driver and inference read them.
   */
  private static final Layout LAYOUT = new Layout(ARCHITECTURE, INPUTS, OUTPUTS, Layout.Targets.CLASSES, PARAMETER_NAMES, PARAMETER_OFFSETS);

  /**
   * Rows of one inference pass: up to 1024, fewer if the input row and the forward buffers,
   * 30 floats a row, would take more than 16 MiB.
   */
  private static final int INFERENCE_ROWS = Inference.chunkRows(30);

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
   * rows × 5: l1 = X·w1ᵀ + b1; a1 = relu(l1)
   */
  private float[] a1;

  /**
   * rows × 4: l2 = a1·w2ᵀ + b2; a2 = relu(l2)
   */
  private float[] a2;

  /**
   * rows × 4: l3 = a2·w3ᵀ + b3; a3 = relu(l3)
   */
  private float[] a3;

  /**
   * rows × 4: l4 = a3·w4ᵀ + b4; a4 = relu(l4)
   */
  private float[] a4;

  /**
   * rows × 3: l5 = a4·w5ᵀ + b5; a5 = relu(l5)
   */
  private float[] a5;

  /**
   * rows × 2: l6 = a5·w6ᵀ + b6
   */
  private float[] l6;

  /**
   * rows × 2: log_softmax(l6), kept by the loss for backward
   */
  private float[] logp;

  /**
   * rows × 2: gradient of l6
   */
  private float[] d_l6;

  /**
   * rows × 3: gradient of l5
   */
  private float[] d_l5;

  /**
   * rows × 4: gradient of l4
   */
  private float[] d_l4;

  /**
   * rows × 4: gradient of l3
   */
  private float[] d_l3;

  /**
   * rows × 4: gradient of l2
   */
  private float[] d_l2;

  /**
   * rows × 5: gradient of l1
   */
  private float[] d_l1;

  private InitialisersNet(TorchGenerator generator) {
    this.generator = generator;
    linear1 = new LinearView(params, grads, W1, 6, 5);
    relu1 = new ReLU();
    linear2 = new LinearView(params, grads, W2, 5, 4);
    relu2 = new ReLU();
    linear3 = new LinearView(params, grads, W3, 4, 4);
    relu3 = new ReLU();
    linear4 = new LinearView(params, grads, W4, 4, 4);
    relu4 = new ReLU();
    linear5 = new LinearView(params, grads, W5, 4, 3);
    relu5 = new ReLU();
    linear6 = new LinearView(params, grads, W6, 3, 2);
  }

  /**
   * A new network initialised as {@code torch.manual_seed(seed)} followed by this network's
   * {@code nn.Linear} layers in field order would be, bit for bit.
   */
  public static InitialisersNet create(long seed) {
    TorchGenerator generator = new TorchGenerator(seed);
    InitialisersNet net = new InitialisersNet(generator);
    generator.initLinear(net.params, W1, 6, 5);
    generator.initLinear(net.params, W2, 5, 4);
    generator.initLinear(net.params, W3, 4, 4);
    generator.initLinear(net.params, W4, 4, 4);
    generator.initLinear(net.params, W5, 4, 3);
    generator.initLinear(net.params, W6, 3, 2);
    // then, once every layer exists, the initialisers draw again from the same generator, in field order, as the notebooks' torch.nn.init calls after the model's construction
    TorchInit init = new TorchInit(generator);
    // linear1.weight = xavier_uniform_(linear1.weight): U(-a, a), a = √(6 / (6 + 5))
    init.xavierUniform(net.params, W1, 5, 6, 1.0);
    // linear2.weight = normal_(linear2.weight): N(0, 1)
    init.normal(net.params, W2, 20, 0.0, 1.0);
    // linear4.weight = kaiming_normal_(linear4.weight): N(0, σ²), σ = gain/√4 = √(2 / 4), gain √2
    init.kaimingNormal(net.params, W4, 4, 4, TorchInit.RELU_GAIN);
    // linear5.weight = xavier_normal_(linear5.weight): N(0, σ²), σ = √(2 / (4 + 3))
    init.xavierNormal(net.params, W5, 3, 4, 1.0);
    // linear6.weight = kaiming_uniform_(linear6.weight): U(-b, b), b = √3·gain/√3 = √(6 / 3), gain √2
    init.kaimingUniform(net.params, W6, 2, 3, TorchInit.RELU_GAIN);
    return net;
  }

  /**
   * Runs the large matrix products of each step on {@code threads} threads: this one and
   * {@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread
   * alone. Results are bit-identical whatever the count. Returns this network.
   */
  @Override
  public InitialisersNet threads(int threads) {
    workers = Workers.of(threads);
    return this;
  }

  /**
   * Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.
   * Forward passes only, {@link #INFERENCE_ROWS} rows at a time: the buffers stay small however many rows.
   */
  @Override
  public float[] forward(float[] x, int rows) {
    return Inference.forward(x, rows, INFERENCE_ROWS, LAYOUT, this::forwardPass, () -> l6);
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
    // cost = CrossEntropy(l6, labels): log p = l6 - m - log Σ exp(l6 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l6, labels, rows, OUTPUTS);
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
    // cost = CrossEntropy(l6, labels): log p = l6 - m - log Σ exp(l6 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l6, labels, rows, OUTPUTS);
    backwardPass(X, labels, rows);
    return cost;
  }

  /**
   * This network as the training driver and inference see it: its layout, its live parameters
   * and gradients, its generator, its forward pass in evaluation mode, its output and its loss,
   * and the threads its optimizer's update may use.
   */
  private Trainee network() {
    return Trainee.ofLabels(LAYOUT, params, grads, generator, this::forwardPass, () -> l6,
        (p, labels, rows) -> Kernels.crossEntropyForward(logp, p, labels, rows, OUTPUTS))
        .withWorkers(workers);
  }

  /**
   * Forward, layer by layer, keeping what backward needs; the output is left in {@code l6}.
   */
  private void forwardPass(float[] X, int rows) {
    ensureForwardCapacity(rows);
    // @Layer linear1 (Linear 6 -> 5), relu1: l1 = X·w1ᵀ + b1; a1 = relu(l1)
    Kernels.linearReluForward(a1, X, params, W1, B1, rows, 6, 5, workers);
    // @Layer linear2 (Linear 5 -> 4), relu2: l2 = a1·w2ᵀ + b2; a2 = relu(l2)
    Kernels.linearReluForward(a2, a1, params, W2, B2, rows, 5, 4, workers);
    // @Layer linear3 (Linear 4 -> 4), relu3: l3 = a2·w3ᵀ + b3; a3 = relu(l3)
    Kernels.linearReluForward(a3, a2, params, W3, B3, rows, 4, 4, workers);
    // @Layer linear4 (Linear 4 -> 4), relu4: l4 = a3·w4ᵀ + b4; a4 = relu(l4)
    Kernels.linearReluForward(a4, a3, params, W4, B4, rows, 4, 4, workers);
    // @Layer linear5 (Linear 4 -> 3), relu5: l5 = a4·w5ᵀ + b5; a5 = relu(l5)
    Kernels.linearReluForward(a5, a4, params, W5, B5, rows, 4, 3, workers);
    // @Layer linear6 (Linear 3 -> 2): l6 = a5·w6ᵀ + b6
    Kernels.linearForward(l6, a5, params, W6, B6, rows, 3, 2, workers);
  }

  /**
   * Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.
   */
  private void backwardPass(float[] X, int[] labels, int rows) {
    ensureBackwardCapacity(rows);
    // linear6 + CrossEntropy, grad of cost = mean(-log softmax(l6)[label]):
    //   d_l6 = (softmax(l6) - onehot(labels)) / n, since log-softmax's Jacobian turns NLL's -1/n at the label into softmax/n
    Kernels.crossEntropyBackward(d_l6, logp, labels, rows, 2);
    // linear6, grad of l6 = a5·w6ᵀ + b6: d_w6 = d_l6ᵀ·a5; d_b6 = Σ_rows d_l6; d_a5 = d_l6·w6
    // relu5, grad of a5 = relu(l5): d_l5 = d_a5 · [a5 > 0], d_a5 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l5, grads, d_l6, a5, params, W6, B6, rows, 3, 2, workers);
    // linear5, grad of l5 = a4·w5ᵀ + b5: d_w5 = d_l5ᵀ·a4; d_b5 = Σ_rows d_l5; d_a4 = d_l5·w5
    // relu4, grad of a4 = relu(l4): d_l4 = d_a4 · [a4 > 0], d_a4 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l4, grads, d_l5, a4, params, W5, B5, rows, 4, 3, workers);
    // linear4, grad of l4 = a3·w4ᵀ + b4: d_w4 = d_l4ᵀ·a3; d_b4 = Σ_rows d_l4; d_a3 = d_l4·w4
    // relu3, grad of a3 = relu(l3): d_l3 = d_a3 · [a3 > 0], d_a3 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l3, grads, d_l4, a3, params, W4, B4, rows, 4, 4, workers);
    // linear3, grad of l3 = a2·w3ᵀ + b3: d_w3 = d_l3ᵀ·a2; d_b3 = Σ_rows d_l3; d_a2 = d_l3·w3
    // relu2, grad of a2 = relu(l2): d_l2 = d_a2 · [a2 > 0], d_a2 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l2, grads, d_l3, a2, params, W3, B3, rows, 4, 4, workers);
    // linear2, grad of l2 = a1·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2
    // relu1, grad of a1 = relu(l1): d_l1 = d_a1 · [a1 > 0], d_a1 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_l1, grads, d_l2, a1, params, W2, B2, rows, 5, 4, workers);
    // linear1, grad of l1 = X·w1ᵀ + b1: d_w1 = d_l1ᵀ·X; d_b1 = Σ_rows d_l1
    Kernels.linearBackward(null, grads, d_l1, X, params, W1, B1, rows, 6, 5, workers);
  }

  private void ensureForwardCapacity(int rows) {
    if (rows <= forwardCapacity) {
      return;
    }
    // rows × 5 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 5);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] a1 = new float[rows * 5];
    float[] a2 = new float[rows * 4];
    float[] a3 = new float[rows * 4];
    float[] a4 = new float[rows * 4];
    float[] a5 = new float[rows * 3];
    float[] l6 = new float[rows * 2];
    float[] logp = new float[rows * 2];
    this.a1 = a1;
    this.a2 = a2;
    this.a3 = a3;
    this.a4 = a4;
    this.a5 = a5;
    this.l6 = l6;
    this.logp = logp;
    forwardCapacity = rows;
  }

  private void ensureBackwardCapacity(int rows) {
    if (rows <= backwardCapacity) {
      return;
    }
    // rows × 5 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 5);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] d_l6 = new float[rows * 2];
    float[] d_l5 = new float[rows * 3];
    float[] d_l4 = new float[rows * 4];
    float[] d_l3 = new float[rows * 4];
    float[] d_l2 = new float[rows * 4];
    float[] d_l1 = new float[rows * 5];
    this.d_l6 = d_l6;
    this.d_l5 = d_l5;
    this.d_l4 = d_l4;
    this.d_l3 = d_l3;
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
    a2 = null;
    a3 = null;
    a4 = null;
    a5 = null;
    l6 = null;
    logp = null;
    d_l6 = null;
    d_l5 = null;
    d_l4 = null;
    d_l3 = null;
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
    return "InitialisersNet(" + ARCHITECTURE + ")";
  }
}
