package chainrule.internal;

import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Optimizer;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A two-layer network written by hand the way the processor writes one ({@code Linear(in, hidden) →
 * Sigmoid or ReLU → Linear(hidden, out) → Sigmoid + BCE}, or a linear output with MSE), with a {@code fit}
 * in exactly the generated shape of {@link Training}'s javadoc. It proves the driver before the processor
 * writes it.
 */
final class HandNet implements Trainable {
  enum Hidden {
    SIGMOID,
    RELU
  }

  enum Loss {
    BCE,
    MSE
  }

  private final int inputs;
  private final int hidden;
  private final int outputs;
  private final Hidden activation;
  private final Loss loss;
  private final int w1;
  private final int b1;
  private final int w2;
  private final int b2;
  private final Layout layout;
  private final float[] params;
  private final float[] grads;
  private final TorchGenerator generator;
  private final Workers workers = Workers.of(1);
  private int capacity;
  private float[] a1; // rows × hidden
  private float[] a2; // rows × outputs
  private float[] d_l2;
  private float[] d_a1;
  private float[] d_l1;

  private HandNet(long seed, int inputs, int hidden, int outputs, Hidden activation, Loss loss) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.outputs = outputs;
    this.activation = activation;
    this.loss = loss;
    this.w1 = 0;
    this.b1 = hidden * inputs;
    this.w2 = b1 + hidden;
    this.b2 = w2 + outputs * hidden;
    this.params = new float[b2 + outputs];
    this.grads = new float[params.length];
    this.layout = new Layout("linear1 Linear(" + inputs + " -> " + hidden + "), " + activation
        + ", linear2 Linear(" + hidden + " -> " + outputs + ")" + (loss == Loss.BCE ? ", Sigmoid; loss BCE" : "; loss MSE"),
        inputs, outputs, loss == Loss.BCE ? Layout.Targets.PROBABILITIES : Layout.Targets.VALUES,
        new String[] {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"},
        new int[] {w1, b1, w2, b2});
    this.generator = new TorchGenerator(seed);
    generator.initLinear(params, w1, inputs, hidden);
    generator.initLinear(params, w2, hidden, outputs);
  }

  /** As {@code torch.manual_seed(seed)} and the same two {@code nn.Linear} layers. */
  static HandNet create(long seed, int inputs, int hidden, int outputs, Hidden activation, Loss loss) {
    return new HandNet(seed, inputs, hidden, outputs, activation, loss);
  }

  // ---- what the processor will generate ----

  @Override
  public History fit(Data train, Fit fit) {
    Training run = Training.begin(train, fit, Trainee.ofTargets(layout, params, grads, generator,
        this::forwardPass, () -> a2, this::lossOf));
    float[] X = run.batchFeatures();
    float[] Y = run.batchTargets();
    while (run.nextEpoch()) {
      while (run.nextBatch()) {
        int rows = run.gather(X, Y);
        float cost = backprop(X, Y, rows);
        run.step(cost, rows);
      }
      run.epochEnd();
    }
    return run.end();
  }

  @Override
  public float[] forward(float[] x, int rows) {
    Checks.batch("x", x, rows, inputs);
    forwardPass(x, rows);
    return Arrays.copyOf(a2, rows * outputs);
  }

  @Override
  public Evaluation evaluate(Data data) {
    return Inference.evaluate(data, Trainee.ofTargets(layout, params, grads, generator, this::forwardPass,
        () -> a2, this::lossOf));
  }

  @Override
  public void release() {
    a1 = null;
    a2 = null;
    d_l2 = null;
    d_a1 = null;
    d_l1 = null;
    capacity = 0;
  }

  @Override
  public float lossAndGradients(float[] x, float[] y, int rows) {
    Checks.batch("x", x, rows, inputs);
    if (loss == Loss.BCE) {
      Checks.probabilities("y", y, rows, outputs);
    } else {
      Checks.batch("y", y, rows, outputs);
    }
    return backprop(x, y, rows);
  }

  @Override
  public float trainStep(float[] x, float[] y, int rows, Optimizer optimizer) {
    Checks.notNull("optimizer", optimizer);
    float cost = lossAndGradients(x, y, rows);
    optimizer.step(params, grads);
    return cost;
  }

  /** Forward, loss and backward on the first {@code rows} rows, unchecked: what {@code fit} steps on. */
  private float backprop(float[] X, float[] Y, int rows) {
    if (observer != null) {
      observer.batch(X, rows);
    }
    forwardPass(X, rows);
    float cost = lossOf(a2, Y, rows);
    if (loss == Loss.BCE) {
      Kernels.sigmoidBceBackward(d_l2, a2, Y, rows * outputs);
    } else {
      Kernels.mseBackward(d_l2, a2, Y, rows * outputs);
    }
    Kernels.linearBackward(d_a1, grads, d_l2, a1, params, w2, b2, rows, hidden, outputs, workers);
    if (activation == Hidden.SIGMOID) {
      Kernels.sigmoidBackward(d_l1, d_a1, a1, rows * hidden);
    } else {
      Kernels.reluBackward(d_l1, d_a1, a1, rows * hidden);
    }
    Kernels.linearBackward(null, grads, d_l1, X, params, w1, b1, rows, inputs, hidden, workers);
    return cost;
  }

  private float lossOf(float[] p, float[] y, int rows) {
    return loss == Loss.BCE ? Kernels.bceForward(p, y, rows * outputs) : Kernels.mseForward(p, y, rows * outputs);
  }

  private void forwardPass(float[] X, int rows) {
    ensureCapacity(rows);
    if (activation == Hidden.SIGMOID) {
      Kernels.linearSigmoidForward(a1, X, params, w1, b1, rows, inputs, hidden, workers);
    } else {
      Kernels.linearReluForward(a1, X, params, w1, b1, rows, inputs, hidden, workers);
    }
    if (loss == Loss.BCE) {
      Kernels.linearSigmoidForward(a2, a1, params, w2, b2, rows, hidden, outputs, workers);
    } else {
      Kernels.linearForward(a2, a1, params, w2, b2, rows, hidden, outputs, workers);
    }
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    a1 = new float[rows * hidden];
    a2 = new float[rows * outputs];
    d_l2 = new float[rows * outputs];
    d_a1 = new float[rows * hidden];
    d_l1 = new float[rows * hidden];
    capacity = rows;
  }

  // ---- what tests look at ----

  /** Sees every batch the training loop steps on (not part of a generated network). */
  interface BatchObserver {
    void batch(float[] x, int rows);
  }

  private BatchObserver observer;

  HandNet observe(BatchObserver observer) {
    this.observer = observer;
    return this;
  }

  @Override
  public HandNet threads(int threads) {
    Checks.positive("threads", threads);
    return this;
  }

  @Override
  public void save(Path file) throws IOException {
    Checkpoint.save(file, architecture(), params);
  }

  @Override
  public void load(Path file) throws IOException {
    Checkpoint.load(file, architecture(), params);
  }

  @Override
  public int parameterCount() {
    return params.length;
  }

  @Override
  public float[] parameters() {
    return params.clone();
  }

  @Override
  public void setParameters(float[] values) {
    Checks.length("values", values, params.length);
    System.arraycopy(values, 0, params, 0, params.length);
  }

  /** The live parameter array, for tests that bind optimizers. */
  float[] liveParameters() {
    return params;
  }

  /** {@link #fit}'s first line, for tests that run the loop themselves. */
  Training begin(Data train, Fit fit) {
    return Training.begin(train, fit, Trainee.ofTargets(layout, params, grads, generator,
        this::forwardPass, () -> a2, this::lossOf));
  }

  float backpropForTests(float[] x, float[] y, int rows) {
    return backprop(x, y, rows);
  }

  Layout layoutForTests() {
    return layout;
  }

  void forwardForTests(float[] x, int rows) {
    forwardPass(x, rows);
  }

  float[] outputsForTests() {
    return a2;
  }

  float lossForTests(float[] p, float[] y, int rows) {
    return lossOf(p, y, rows);
  }

  TorchGenerator generator() {
    return generator;
  }

  String architecture() {
    return layout.architecture();
  }
}
