package chainrule.internal;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.TorchGenerator;
import java.util.Arrays;

/**
 * {@code Linear(in, hidden) → ReLU → Linear(hidden, classes)} with {@code nn.CrossEntropyLoss}, written by
 * hand with a {@code fit} in the generated shape for class labels. The cross-entropy here is a plain test
 * version ({@code logp = l - max - log Σ exp(l - max)}, sums in double); the runtime's own kernel comes
 * with the cross-entropy networks.
 */
final class HandSoftmaxNet {
  private final int inputs;
  private final int hidden;
  private final int classes;
  private final int w1;
  private final int b1;
  private final int w2;
  private final int b2;
  private final Layout layout;
  final float[] params;
  final float[] grads;
  private final TorchGenerator generator;
  private final Workers workers = Workers.of(1);
  private int capacity;
  private float[] a1;
  private float[] l2; // logits, rows × classes
  private float[] d_l2;
  private float[] d_a1;
  private float[] d_l1;

  HandSoftmaxNet(long seed, int inputs, int hidden, int classes) {
    this.inputs = inputs;
    this.hidden = hidden;
    this.classes = classes;
    this.w1 = 0;
    this.b1 = hidden * inputs;
    this.w2 = b1 + hidden;
    this.b2 = w2 + classes * hidden;
    this.params = new float[b2 + classes];
    this.grads = new float[params.length];
    this.layout = new Layout("linear1 Linear(" + inputs + " -> " + hidden + "), relu1 ReLU, linear2 Linear("
        + hidden + " -> " + classes + "); loss CROSS_ENTROPY", inputs, classes, Layout.Targets.CLASSES,
        new String[] {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"},
        new int[] {w1, b1, w2, b2});
    this.generator = new TorchGenerator(seed);
    generator.initLinear(params, w1, inputs, hidden);
    generator.initLinear(params, w2, hidden, classes);
  }

  public History fit(Data train, Fit fit) {
    Training run = Training.begin(train, fit, Trainee.ofLabels(layout, params, grads, generator,
        this::forwardPass, () -> l2, this::crossEntropy));
    float[] X = run.batchFeatures();
    int[] L = run.batchLabels();
    while (run.nextEpoch()) {
      while (run.nextBatch()) {
        int rows = run.gather(X, L);
        float cost = backprop(X, L, rows);
        run.step(cost, rows);
      }
      run.epochEnd();
    }
    return run.end();
  }

  /** The loss of the first {@code rows} rows, gradients left in {@code grads}; no update. */
  float backprop(float[] X, int[] labels, int rows) {
    forwardPass(X, rows);
    float cost = crossEntropy(l2, labels, rows);
    // d_l2 = (softmax(l2) - onehot) / n
    for (int r = 0; r < rows; r++) {
      int at = r * classes;
      float max = max(l2, at);
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(l2[at + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        float softmax = (float) (Math.exp(l2[at + c] - max) / sum);
        d_l2[at + c] = (softmax - (c == labels[r] ? 1f : 0f)) / rows;
      }
    }
    Kernels.linearBackward(d_a1, grads, d_l2, a1, params, w2, b2, rows, hidden, classes, workers);
    Kernels.reluBackward(d_l1, d_a1, a1, rows * hidden);
    Kernels.linearBackward(null, grads, d_l1, X, params, w1, b1, rows, inputs, hidden, workers);
    return cost;
  }

  private float crossEntropy(float[] logits, int[] labels, int rows) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int at = r * classes;
      float max = max(logits, at);
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[at + c] - max);
      }
      total -= logits[at + labels[r]] - max - (float) Math.log(sum);
    }
    return (float) (total / rows);
  }

  private float max(float[] values, int at) {
    float max = values[at];
    for (int c = 1; c < classes; c++) {
      max = Math.max(max, values[at + c]);
    }
    return max;
  }

  private void forwardPass(float[] X, int rows) {
    if (rows > capacity) {
      a1 = new float[rows * hidden];
      l2 = new float[rows * classes];
      d_l2 = new float[rows * classes];
      d_a1 = new float[rows * hidden];
      d_l1 = new float[rows * hidden];
      capacity = rows;
    }
    Kernels.linearReluForward(a1, X, params, w1, b1, rows, inputs, hidden, workers);
    Kernels.linearForward(l2, a1, params, w2, b2, rows, hidden, classes, workers);
  }

  float[] logits(float[] x, int rows) {
    forwardPass(x, rows);
    return Arrays.copyOf(l2, rows * classes);
  }
}
