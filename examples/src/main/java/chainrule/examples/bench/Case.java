package chainrule.examples.bench;

import chainrule.Adam;
import chainrule.Classifier;
import chainrule.Optimizer;
import chainrule.Sgd;
import chainrule.examples.XorNnNet;
import chainrule.examples.XorWideDeepNet;
import chainrule.Trainable;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The suite's cases: a model, its batch (full batch, every step) and its optimizer's learning rate, with data
 * and parameters from fixed seeds. {@code examples/bench/torch_steps.py} builds the same in PyTorch. All but
 * {@code mnist-nn} are BCE networks trained by SGD on float targets ({@link #create}); {@code mnist-nn} is a
 * cross-entropy network trained by Adam on class labels ({@link #classifier}, {@link #labels}).
 */
enum Case {
  XOR("xor", 4, 1f, 2, 2, 1),
  XOR_WIDE_DEEP("xor-wide-deep", 4, 1f, 2, 10, 10, 10, 1),
  MEDIUM("medium", 256, 0.01f, 64, 256, 256, 1),
  LARGE("large", 512, 0.01f, 512, 1024, 1024, 1),
  MNIST_NN("mnist-nn", 100, 0.001f, 784, 256, 256, 10);

  static final long SEED = 777;

  /** The name in tables and on the command line. */
  final String id;
  final int rows;
  final float lr;
  /** Features of each layer's input, then of the output: {@code 2, 2, 1} for 2-2-1. */
  private final int[] sizes;

  Case(String id, int rows, float lr, int... sizes) {
    this.id = id;
    this.rows = rows;
    this.lr = lr;
    this.sizes = sizes;
  }

  static Case byId(String id) {
    for (Case c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown case " + id + "; the cases are "
        + Arrays.stream(values()).map(c -> c.id).collect(Collectors.joining(", ")));
  }

  /**
   * The generated network, initialised as {@code torch.manual_seed(777)} would, on {@code threads} threads;
   * for the cases trained on float targets (all but {@code mnist-nn}, see {@link #classifier}).
   */
  Trainable create(int threads) {
    return switch (this) {
      case XOR -> XorNnNet.create(SEED).threads(threads);
      case XOR_WIDE_DEEP -> XorWideDeepNet.create(SEED).threads(threads);
      case MEDIUM -> MediumNet.create(SEED).threads(threads);
      case LARGE -> LargeNet.create(SEED).threads(threads);
      case MNIST_NN -> throw new IllegalStateException(id + " is trained on class labels: use classifier(threads)");
    };
  }

  /** Whether this case is a cross-entropy network trained on class labels ({@link #classifier}). */
  boolean classifies() {
    return this == MNIST_NN;
  }

  /** The generated cross-entropy network of {@code mnist-nn}, as {@link #create} makes the others. */
  Classifier classifier(int threads) {
    if (!classifies()) {
      throw new IllegalStateException(id + " is trained on float targets: use create(threads)");
    }
    return MnistNet.create(SEED).threads(threads);
  }

  /** A new optimizer for one network: Adam for {@code mnist-nn} ({@code torch.optim.Adam(lr=0.001)}), else SGD. */
  Optimizer optimizer() {
    return classifies() ? new Adam(lr) : new Sgd(lr);
  }

  /** Floating-point operations of one step, {@code 6 × rows × Σ in·out}: 2 per multiply-add forward, 4 backward. */
  double flops() {
    double sum = 0;
    for (int i = 0; i + 1 < sizes.length; i++) {
      sum += (double) sizes[i] * sizes[i + 1];
    }
    return 6 * rows * sum;
  }

  /** {@code 2-10-10-10-1}. */
  String architecture() {
    StringBuilder text = new StringBuilder();
    for (int size : sizes) {
      text.append(text.length() == 0 ? "" : "-").append(size);
    }
    return text.toString();
  }

  /** Inputs, {@code rows × sizes[0]}: the XOR table, else uniform in [0, 1). */
  float[] x() {
    if (sizes[0] == 2 && rows == 4) {
      return new float[] {0, 0, 0, 1, 1, 0, 1, 1};
    }
    Random random = new Random(SEED);
    float[] x = new float[rows * sizes[0]];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    return x;
  }

  /** Class labels of {@code mnist-nn}, {@code rows}: row {@code i} is of class {@code i % 10}. */
  int[] labels() {
    int classes = sizes[sizes.length - 1];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % classes;
    }
    return labels;
  }

  /** Targets, {@code rows × 1}: XOR, else 0 or 1 at random. */
  float[] y() {
    if (sizes[0] == 2 && rows == 4) {
      return new float[] {0, 1, 1, 0};
    }
    Random random = new Random(SEED + 1);
    float[] y = new float[rows];
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextBoolean() ? 1f : 0f;
    }
    return y;
  }
}
