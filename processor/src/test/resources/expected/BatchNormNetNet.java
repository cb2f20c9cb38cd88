package demo;

import chainrule.Classifier;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Optimizer;
import chainrule.ReLU;
import chainrule.TorchGenerator;
import chainrule.internal.BatchNormView;
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
import java.util.Arrays;
import javax.annotation.processing.Generated;

/**
 * The network declared by {@link BatchNormNet}, written by chainrule at compile time.
 *
 * <pre>
 * input 4
 * linear1: Linear(4 -> 5)
 * bn1: BatchNorm1d(5)
 * relu1: ReLU
 * linear2: Linear(5 -> 5)
 * bn2: BatchNorm1d(5)
 * relu2: ReLU
 * linear3: Linear(5 -> 3)
 * loss CROSS_ENTROPY
 * </pre>
 *
 * <p>Not thread-safe: a network owns its buffers. A training step allocates nothing once the
 * buffers have grown to the largest batch seen.
 */
@Generated("chainrule.processor.NetworkProcessor")
public final class BatchNormNetNet extends BatchNormNet implements Classifier {
  /**
   * Features per input row.
   */
  public static final int INPUTS = 4;

  /**
   * Features per output row.
   */
  public static final int OUTPUTS = 3;

  /**
   * Parameters in PyTorch's order: linear1.weight, linear1.bias, bn1.weight, bn1.bias, linear2.weight, linear2.bias, bn2.weight, bn2.bias, linear3.weight, linear3.bias.
   */
  public static final int PARAMETER_COUNT = 93;

  /**
   * The layers and the loss; {@link #load} accepts only checkpoints of this architecture.
   */
  public static final String ARCHITECTURE = "linear1 Linear(4 -> 5), bn1 BatchNorm1d(5), relu1 ReLU, linear2 Linear(5 -> 5), bn2 BatchNorm1d(5), relu2 ReLU, linear3 Linear(5 -> 3); loss CROSS_ENTROPY";

  /**
   * linear1.weight, 5 × 4.
   */
  private static final int W1 = 0;

  /**
   * linear1.bias, 5.
   */
  private static final int B1 = 20;

  /**
   * bn1.weight (γ), 5, then bn1.bias (β), 5, in {@code params}.
   */
  private static final int G1 = 25;

  /**
   * bn1.running_mean, 5, then bn1.running_var, 5, in {@code running}.
   */
  private static final int S1 = 0;

  /**
   * linear2.weight, 5 × 5.
   */
  private static final int W2 = 35;

  /**
   * linear2.bias, 5.
   */
  private static final int B2 = 60;

  /**
   * bn2.weight (γ), 5, then bn2.bias (β), 5, in {@code params}.
   */
  private static final int G2 = 65;

  /**
   * bn2.running_mean, 5, then bn2.running_var, 5, in {@code running}.
   */
  private static final int S2 = 10;

  /**
   * linear3.weight, 3 × 5.
   */
  private static final int W3 = 75;

  /**
   * linear3.bias, 3.
   */
  private static final int B3 = 90;

  /**
   * Each parameter block's name, in PyTorch's order: what an error names.
   */
  private static final String[] PARAMETER_NAMES = {"linear1.weight", "linear1.bias", "bn1.weight", "bn1.bias", "linear2.weight", "linear2.bias", "bn2.weight", "bn2.bias", "linear3.weight", "linear3.bias"};

  /**
   * Where each block of {@link #PARAMETER_NAMES} starts in {@code params}.
   */
  private static final int[] PARAMETER_OFFSETS = {0, 20, 25, 30, 35, 60, 65, 70, 75, 90};

  /**
   * This network's constants, as the training driver and inference read them.
   */
  private static final Layout LAYOUT = new Layout(ARCHITECTURE, INPUTS, OUTPUTS, Layout.Targets.CLASSES, PARAMETER_NAMES, PARAMETER_OFFSETS);

  /**
   * Rows of one inference pass: up to 1024, fewer if the input row and the forward buffers,
   * 40 floats a row, would take more than 16 MiB.
   */
  private static final int INFERENCE_ROWS = Inference.chunkRows(40);

  /**
   * All parameters, at the offsets above; layers are views into it.
   */
  private final float[] params = new float[PARAMETER_COUNT];

  /**
   * Gradients of the last backward pass, laid out like {@code params}.
   */
  private final float[] grads = new float[PARAMETER_COUNT];

  /**
   * Running statistics of the batch norms, at the offsets above: what evaluation normalises with.
   * Saved and loaded with the parameters; no optimizer touches them.
   */
  private final float[] running = new float[20];

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
   * rows × 5: l1 = X·w1ᵀ + b1
   */
  private float[] l1;

  /**
   * rows × 5: n1 = γ1·(l1 - μ)/√(σ² + ε) + β1
   */
  private float[] n1;

  /**
   * rows × 5: a1 = relu(n1)
   */
  private float[] a1;

  /**
   * rows × 5: l2 = a1·w2ᵀ + b2
   */
  private float[] l2;

  /**
   * rows × 5: n2 = γ2·(l2 - μ)/√(σ² + ε) + β2
   */
  private float[] n2;

  /**
   * rows × 5: a2 = relu(n2)
   */
  private float[] a2;

  /**
   * rows × 3: l3 = a2·w3ᵀ + b3
   */
  private float[] l3;

  /**
   * rows × 3: log_softmax(l3), kept by the loss for backward
   */
  private float[] logp;

  /**
   * rows × 3: gradient of l3
   */
  private float[] d_l3;

  /**
   * rows × 5: gradient of n2
   */
  private float[] d_n2;

  /**
   * rows × 5: gradient of l2
   */
  private float[] d_l2;

  /**
   * rows × 5: gradient of n1
   */
  private float[] d_n1;

  /**
   * rows × 5: gradient of l1
   */
  private float[] d_l1;

  /**
   * 5: bn1's batch mean μ, kept by the training pass for backward.
   */
  private final float[] mean1 = new float[5];

  /**
   * 5: bn1's 1/√(σ² + ε) of the batch, kept by the training pass for backward.
   */
  private final float[] invStd1 = new float[5];

  /**
   * 5: bn2's batch mean μ, kept by the training pass for backward.
   */
  private final float[] mean2 = new float[5];

  /**
   * 5: bn2's 1/√(σ² + ε) of the batch, kept by the training pass for backward.
   */
  private final float[] invStd2 = new float[5];

  private BatchNormNetNet(TorchGenerator generator) {
    this.generator = generator;
    linear1 = new LinearView(params, grads, W1, 4, 5);
    bn1 = new BatchNormView(params, grads, running, G1, S1, 5);
    relu1 = new ReLU();
    linear2 = new LinearView(params, grads, W2, 5, 5);
    bn2 = new BatchNormView(params, grads, running, G2, S2, 5);
    relu2 = new ReLU();
    linear3 = new LinearView(params, grads, W3, 5, 3);
  }

  /**
   * A new network initialised as {@code torch.manual_seed(seed)} followed by this network's
   * {@code nn.Linear} layers in field order would be, bit for bit.
   */
  public static BatchNormNetNet create(long seed) {
    TorchGenerator generator = new TorchGenerator(seed);
    BatchNormNetNet net = new BatchNormNetNet(generator);
    generator.initLinear(net.params, W1, 4, 5);
    // bn1 = BatchNorm1d(5) draws nothing: γ = 1, β = 0, running mean 0, running variance 1
    Arrays.fill(net.params, G1, G1 + 5, 1f);
    Arrays.fill(net.running, S1 + 5, S1 + 10, 1f);
    generator.initLinear(net.params, W2, 5, 5);
    // bn2 = BatchNorm1d(5) draws nothing: γ = 1, β = 0, running mean 0, running variance 1
    Arrays.fill(net.params, G2, G2 + 5, 1f);
    Arrays.fill(net.running, S2 + 5, S2 + 10, 1f);
    generator.initLinear(net.params, W3, 5, 3);
    return net;
  }

  /**
   * Runs the large matrix products of each step on {@code threads} threads: this one and
   * {@code threads - 1} daemon threads shared by all networks. 1, the default, uses this thread
   * alone. Results are bit-identical whatever the count. Returns this network.
   */
  @Override
  public BatchNormNetNet threads(int threads) {
    workers = Workers.of(threads);
    return this;
  }

  /**
   * Predictions for {@code x} ({@code rows × INPUTS}, row-major): a new array, {@code rows × OUTPUTS}.
   * Forward passes only, {@link #INFERENCE_ROWS} rows at a time: the buffers stay small however many rows.
   */
  @Override
  public float[] forward(float[] x, int rows) {
    return Inference.forward(x, rows, INFERENCE_ROWS, LAYOUT, this::forwardPass, () -> l3);
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
    trainingForwardPass(x, rows);
    // cost = CrossEntropy(l3, labels): log p = l3 - m - log Σ exp(l3 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l3, labels, rows, OUTPUTS);
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
    trainingForwardPass(X, rows);
    // cost = CrossEntropy(l3, labels): log p = l3 - m - log Σ exp(l3 - m), m = max of each row; cost = mean(-log p[label])
    float cost = Kernels.crossEntropyForward(logp, l3, labels, rows, OUTPUTS);
    backwardPass(X, labels, rows);
    return cost;
  }

  /**
   * This network as the training driver and inference see it: its layout, its live parameters
   * and gradients, its generator, its forward pass in evaluation mode, its output and its loss, its
   * running statistics,
   * and the threads its optimizer's update may use.
   */
  private Trainee network() {
    return Trainee.ofLabels(LAYOUT, params, grads, generator, this::forwardPass, () -> l3,
        (p, labels, rows) -> Kernels.crossEntropyForward(logp, p, labels, rows, OUTPUTS))
        .withRunningStatistics(running)
        .withWorkers(workers);
  }

  /**
   * Forward in evaluation mode, layer by layer, as {@code model.eval()}; the output is left in {@code l3}.
   */
  private void forwardPass(float[] X, int rows) {
    ensureForwardCapacity(rows);
    // @Layer linear1 (Linear 4 -> 5): l1 = X·w1ᵀ + b1
    Kernels.linearForward(l1, X, params, W1, B1, rows, 4, 5, workers);
    // @Layer bn1 (BatchNorm1d(5)): n1 = γ1·(l1 - running_mean)/√(running_var + ε) + β1, the running statistics in evaluation
    Kernels.batchNormEvalForward(n1, l1, params, G1, running, S1, rows, 5);
    // @Layer relu1: a1 = relu(n1)
    Kernels.reluForward(a1, n1, rows * 5);
    // @Layer linear2 (Linear 5 -> 5): l2 = a1·w2ᵀ + b2
    Kernels.linearForward(l2, a1, params, W2, B2, rows, 5, 5, workers);
    // @Layer bn2 (BatchNorm1d(5)): n2 = γ2·(l2 - running_mean)/√(running_var + ε) + β2, the running statistics in evaluation
    Kernels.batchNormEvalForward(n2, l2, params, G2, running, S2, rows, 5);
    // @Layer relu2: a2 = relu(n2)
    Kernels.reluForward(a2, n2, rows * 5);
    // @Layer linear3 (Linear 5 -> 3): l3 = a2·w3ᵀ + b3
    Kernels.linearForward(l3, a2, params, W3, B3, rows, 5, 3, workers);
  }

  /**
   * Forward in training mode, layer by layer, as {@code model.train()}, keeping what backward needs; the
   * output is left in {@code l3}.
   */
  private void trainingForwardPass(float[] X, int rows) {
    ensureForwardCapacity(rows);
    ensureBackwardCapacity(rows);
    // @Layer linear1 (Linear 4 -> 5): l1 = X·w1ᵀ + b1
    Kernels.linearForward(l1, X, params, W1, B1, rows, 4, 5, workers);
    // @Layer bn1 (BatchNorm1d(5)): n1 = γ1·(l1 - μ)/√(σ² + ε) + β1
    //   μ, σ² = mean and biased variance of l1 over the batch's rows, ε = 1e-5; then
    //   running_mean = 0.9·running_mean + 0.1·μ, running_var = 0.9·running_var + 0.1·σ²·n/(n - 1)
    Kernels.batchNormForward(n1, mean1, invStd1, l1, params, G1, running, S1, rows, 5);
    // @Layer relu1: a1 = relu(n1)
    Kernels.reluForward(a1, n1, rows * 5);
    // @Layer linear2 (Linear 5 -> 5): l2 = a1·w2ᵀ + b2
    Kernels.linearForward(l2, a1, params, W2, B2, rows, 5, 5, workers);
    // @Layer bn2 (BatchNorm1d(5)): n2 = γ2·(l2 - μ)/√(σ² + ε) + β2
    //   μ, σ² = mean and biased variance of l2 over the batch's rows, ε = 1e-5; then
    //   running_mean = 0.9·running_mean + 0.1·μ, running_var = 0.9·running_var + 0.1·σ²·n/(n - 1)
    Kernels.batchNormForward(n2, mean2, invStd2, l2, params, G2, running, S2, rows, 5);
    // @Layer relu2: a2 = relu(n2)
    Kernels.reluForward(a2, n2, rows * 5);
    // @Layer linear3 (Linear 5 -> 3): l3 = a2·w3ᵀ + b3
    Kernels.linearForward(l3, a2, params, W3, B3, rows, 5, 3, workers);
  }

  /**
   * Backward: the forward pass in reverse, by the chain rule. Writes {@code grads}.
   */
  private void backwardPass(float[] X, int[] labels, int rows) {
    ensureBackwardCapacity(rows);
    // linear3 + CrossEntropy, grad of cost = mean(-log softmax(l3)[label]):
    //   d_l3 = (softmax(l3) - onehot(labels)) / n, since log-softmax's Jacobian turns NLL's -1/n at the label into softmax/n
    Kernels.crossEntropyBackward(d_l3, logp, labels, rows, 3);
    // linear3, grad of l3 = a2·w3ᵀ + b3: d_w3 = d_l3ᵀ·a2; d_b3 = Σ_rows d_l3; d_a2 = d_l3·w3
    // relu2, grad of a2 = relu(n2): d_n2 = d_a2 · [a2 > 0], d_a2 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_n2, grads, d_l3, a2, params, W3, B3, rows, 5, 3, workers);
    // bn2, grad of n2 = γ2·(l2 - μ)/√(σ² + ε) + β2, with x̂ = (l2 - μ)/√(σ² + ε):
    //   d_γ2 = Σ_rows d_n2·x̂; d_β2 = Σ_rows d_n2; d_l2 = γ2/√(σ² + ε)·(d_n2 - mean(d_n2) - x̂·mean(d_n2·x̂))
    Kernels.batchNormBackward(d_l2, grads, d_n2, l2, mean2, invStd2, params, G2, rows, 5);
    // linear2, grad of l2 = a1·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2
    // relu1, grad of a1 = relu(n1): d_n1 = d_a1 · [a1 > 0], d_a1 gated as it is computed (not stored)
    Kernels.linearReluBackward(d_n1, grads, d_l2, a1, params, W2, B2, rows, 5, 5, workers);
    // bn1, grad of n1 = γ1·(l1 - μ)/√(σ² + ε) + β1, with x̂ = (l1 - μ)/√(σ² + ε):
    //   d_γ1 = Σ_rows d_n1·x̂; d_β1 = Σ_rows d_n1; d_l1 = γ1/√(σ² + ε)·(d_n1 - mean(d_n1) - x̂·mean(d_n1·x̂))
    Kernels.batchNormBackward(d_l1, grads, d_n1, l1, mean1, invStd1, params, G1, rows, 5);
    // linear1, grad of l1 = X·w1ᵀ + b1: d_w1 = d_l1ᵀ·X; d_b1 = Σ_rows d_l1
    Kernels.linearBackward(null, grads, d_l1, X, params, W1, B1, rows, 4, 5, workers);
  }

  private void ensureForwardCapacity(int rows) {
    if (rows <= forwardCapacity) {
      return;
    }
    // rows × 5 floats, the widest buffer, must fit in one array: then every product below fits in an int
    Buffers.checkRows(rows, 5);
    // new buffers into locals first, so that running out of memory leaves the network as it was
    float[] l1 = new float[rows * 5];
    float[] n1 = new float[rows * 5];
    float[] a1 = new float[rows * 5];
    float[] l2 = new float[rows * 5];
    float[] n2 = new float[rows * 5];
    float[] a2 = new float[rows * 5];
    float[] l3 = new float[rows * 3];
    float[] logp = new float[rows * 3];
    this.l1 = l1;
    this.n1 = n1;
    this.a1 = a1;
    this.l2 = l2;
    this.n2 = n2;
    this.a2 = a2;
    this.l3 = l3;
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
    float[] d_l3 = new float[rows * 3];
    float[] d_n2 = new float[rows * 5];
    float[] d_l2 = new float[rows * 5];
    float[] d_n1 = new float[rows * 5];
    float[] d_l1 = new float[rows * 5];
    this.d_l3 = d_l3;
    this.d_n2 = d_n2;
    this.d_l2 = d_l2;
    this.d_n1 = d_n1;
    this.d_l1 = d_l1;
    backwardCapacity = rows;
  }

  /**
   * Frees the buffers of the passes; the next pass allocates them again, as large as its batch.
   * The parameters stay.
   */
  @Override
  public void release() {
    l1 = null;
    n1 = null;
    a1 = null;
    l2 = null;
    n2 = null;
    a2 = null;
    l3 = null;
    logp = null;
    d_l3 = null;
    d_n2 = null;
    d_l2 = null;
    d_n1 = null;
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
   * Writes the parameters and the running statistics to {@code file}, replacing it atomically: if writing fails, the old
   * file is left as it was.
   */
  @Override
  public void save(Path file) throws IOException {
    Checkpoint.save(file, ARCHITECTURE, params, running);
  }

  /**
   * Reads parameters and running statistics saved by {@link #save} from a network of the same {@link #ARCHITECTURE}.
   * The whole file is checked first: if it does not fit, nothing changes and an
   * {@link IllegalArgumentException} says why.
   */
  @Override
  public void load(Path file) throws IOException {
    Checkpoint.load(file, ARCHITECTURE, params, running);
  }

  @Override
  public String toString() {
    return "BatchNormNetNet(" + ARCHITECTURE + ")";
  }
}
