package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chainrule.Linear;
import chainrule.Loss;
import chainrule.Classifier;
import chainrule.Net;
import chainrule.TorchGenerator;
import chainrule.Trainable;
import chainrule.internal.Kernels;
import chainrule.examples.gradcheck.Bce2551ReluNet;
import chainrule.examples.gradcheck.BceLeakyReluNet;
import chainrule.examples.gradcheck.Bce342TanhNet;
import chainrule.examples.gradcheck.BceActivationFirstNet;
import chainrule.examples.gradcheck.BceTanhSigmoidNet;
import chainrule.examples.gradcheck.Ce3552Net;
import chainrule.examples.gradcheck.Ce463ReluNet;
import chainrule.examples.gradcheck.CeDropoutNet;
import chainrule.examples.gradcheck.MseDropoutNet;
import chainrule.examples.gradcheck.Mse4332TanhReluNet;
import chainrule.examples.gradcheck.MseActivationPairsNet;
import chainrule.examples.gradcheck.MseLeakyReluPairsNet;
import chainrule.examples.gradcheck.MseLinearOnlyNet;
import chainrule.examples.gradcheck.MseReluFirstSigmoidOutNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated backward passes against central finite differences of an independent double-precision
 * reference, for small networks mixing Sigmoid, ReLU, Tanh and LeakyReLU under both losses.
 *
 * <p>Each case describes its architecture as a list of layers ({@link Lin}, {@link Act}) and reads the
 * generated network's parameters through {@link Linear#weight()} and {@link Linear#bias()}. The reference
 * computes forward and loss in double; for every parameter θ the gradient is {@code (L(θ+h) − L(θ−h)) / 2h},
 * also in double, and is compared with {@link Linear#weightGrad()} and {@link Linear#biasGrad()} after one
 * {@code lossAndGradients} call (preceded by one on a different, larger batch, so that gradients accumulated
 * across calls or stale buffer contents would show). Batches have several rows, so the {@code 1/n} of the
 * mean and the sums over rows are exercised; BCE runs with targets in {0, 1} and with fractions. The
 * reference is itself validated by its loss and predictions matching the network's float ones.
 *
 * <p>Error budget. With {@code h = 1e-5} and parameters of order 1, the double central difference is off by
 * about {@code h²·|L'''|/6 ≈ 1e-11} (truncation) plus {@code ε_double·|L|/h ≈ 1e-11} (rounding): a thousand
 * times below float32 noise, so every difference seen is the generated code's float rounding, a few ulp of
 * the gradient plus cancellation in the sums over rows. A gradient g is accepted when
 * {@code |g − fd| ≤ GRADIENT_TOLERANCE · max(|fd|, GRADIENT_FLOOR)}: relative for gradients of ordinary size,
 * absolute ({@code 1e-4 · 1e-3 = 1e-7}) for gradients near zero, where a relative error means nothing. Any
 * real mistake in a backward pass (a missing 1/n, a wrong derivative, a transposed weight) is off by far more.
 *
 * <p>ReLU and LeakyReLU are not differentiable at 0, and a difference quotient straddling the kink is
 * meaningless, so input rows are redrawn until every (Leaky)ReLU input is at least {@link #KINK_MARGIN} away
 * from 0; a step of h moves any pre-activation by a small multiple of h, far less than that.
 */
class GradientCheckTest {
  /** Step of the central difference, in double. */
  static final double H = 1e-5;
  /** Relative tolerance of a generated float gradient against the double central difference. */
  static final double GRADIENT_TOLERANCE = 1e-4;
  /** Gradients smaller than this are compared absolutely, at {@code GRADIENT_TOLERANCE · GRADIENT_FLOOR}. */
  static final double GRADIENT_FLOOR = 1e-3;
  /** Relative tolerance of the network's float loss against the double reference's. */
  static final double LOSS_TOLERANCE = 1e-6;
  /** Tolerance of each float prediction against the reference's, relative to {@code max(1, |p|)}. */
  static final double PREDICTION_TOLERANCE = 1e-6;
  /** Minimum distance of every ReLU input from 0. */
  static final double KINK_MARGIN = 1e-3;

  // ---------------------------------------------------------------------------------------------
  // Architectures, as the test describes them independently of the generated code.

  /** One layer of an architecture. */
  sealed interface Spec permits Lin, Act, Leaky, Drop {}

  /**
   * {@code Dropout(p)}: in the training pass {@code x·mask}, the mask (0 or {@code 1/(1-p)}) replayed from a copy of
   * the network's generator; the identity in {@code forward}.
   */
  record Drop(double p) implements Spec {}

  static Drop drop(double p) {
    return new Drop(p);
  }

  /** {@code Linear(in, out)}: {@code l = x·Wᵀ + b}, W {@code out × in} row-major. */
  record Lin(int in, int out) implements Spec {}

  /** An element-wise activation. */
  enum Act implements Spec {
    SIGMOID, TANH, RELU;

    double apply(double l) {
      return switch (this) {
        case SIGMOID -> 1 / (1 + Math.exp(-l));
        case TANH -> Math.tanh(l);
        case RELU -> Math.max(l, 0);
      };
    }
  }

  /**
   * {@code LeakyReLU(slope)}: {@code l > 0 ? l : slope·l}, with the slope rounded to float as PyTorch's float
   * kernel (and chainrule's) uses it.
   */
  record Leaky(double slope) implements Spec {
    double apply(double l) {
      return l > 0 ? l : (float) slope * l;
    }
  }

  static Lin lin(int in, int out) {
    return new Lin(in, out);
  }

  static Leaky leaky(double slope) {
    return new Leaky(slope);
  }

  static final Act SIGMOID = Act.SIGMOID;
  static final Act TANH = Act.TANH;
  static final Act RELU = Act.RELU;

  /** The loss-and-gradients call of a network, with targets as floats (class labels as whole floats for cross-entropy). */
  interface LossCall {
    float lossAndGradients(float[] x, float[] y, int rows);
  }

  /** A generated network with its Linear layers in field order, and its loss call. */
  record Built(Net net, LossCall loss, List<Linear> linears) {}

  /** A model under test: its description and how to create its generated network. */
  record Model(String name, Loss loss, List<Spec> layers, Supplier<Built> create, long seed) {
    int inputs() {
      return ((Lin) layers.stream().filter(s -> s instanceof Lin).findFirst().orElseThrow()).in();
    }

    int outputs() {
      int width = inputs();
      for (Spec spec : layers) {
        if (spec instanceof Lin lin) {
          width = lin.out();
        }
      }
      return width;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static <N extends Trainable> Model model(String name, Loss loss, LongFunction<N> create, long seed,
      Function<N, List<Linear>> linears, Spec... layers) {
    return new Model(name, loss, List.of(layers), () -> {
      N net = create.apply(seed);
      return new Built(net, net::lossAndGradients, linears.apply(net));
    }, seed);
  }

  /** A cross-entropy model: its {@code int[]} labels are passed as whole floats through {@link LossCall}. */
  static <N extends Classifier> Model classifier(String name, LongFunction<N> create, long seed,
      Function<N, List<Linear>> linears, Spec... layers) {
    return new Model(name, Loss.CROSS_ENTROPY, List.of(layers), () -> {
      N net = create.apply(seed);
      return new Built(net, (x, y, rows) -> net.lossAndGradients(x, labels(y), rows), linears.apply(net));
    }, seed);
  }

  /** Class labels carried as whole floats. */
  static int[] labels(float[] y) {
    int[] labels = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = (int) y[i];
    }
    return labels;
  }

  /** Targets: {0, 1} or fractions for BCE, any reals for MSE, class labels (one per row) for cross-entropy. */
  enum Targets {
    BINARY, FRACTIONAL, REAL, LABELS
  }

  /** One gradient check: a model, its targets and batch size, and the seed for inputs and targets. */
  record Case(Model model, Targets targets, int rows, long seed) {
    @Override
    public String toString() {
      return model.name() + ", " + targets.name().toLowerCase(Locale.ROOT) + " targets, " + rows + " rows";
    }
  }

  static final List<Model> MODELS = List.of(
      model("3-4-2 Tanh, Sigmoid (BCE)", Loss.BCE, Bce342TanhNet::create, 1,
          n -> List.of(n.linear1, n.linear2),
          lin(3, 4), TANH, lin(4, 2), SIGMOID),
      model("2-5-5-1 ReLU, ReLU, Sigmoid (BCE)", Loss.BCE, Bce2551ReluNet::create, 2,
          n -> List.of(n.linear1, n.linear2, n.linear3),
          lin(2, 5), RELU, lin(5, 5), RELU, lin(5, 1), SIGMOID),
      model("4-3-3-2 Tanh, ReLU, Linear output (MSE)", Loss.MSE, Mse4332TanhReluNet::create, 3,
          n -> List.of(n.linear1, n.linear2, n.linear3),
          lin(4, 3), TANH, lin(3, 3), RELU, lin(3, 2)),
      model("3-2 Linear, Tanh, Sigmoid (BCE)", Loss.BCE, BceTanhSigmoidNet::create, 4,
          n -> List.of(n.linear1),
          lin(3, 2), TANH, SIGMOID),
      model("Tanh, 3-2 Linear, Sigmoid (BCE)", Loss.BCE, BceActivationFirstNet::create, 5,
          n -> List.of(n.linear1),
          TANH, lin(3, 2), SIGMOID),
      model("3-4-2 Tanh, ReLU, Linear, Sigmoid, Tanh (MSE)", Loss.MSE, MseActivationPairsNet::create, 6,
          n -> List.of(n.linear1, n.linear2),
          lin(3, 4), TANH, RELU, lin(4, 2), SIGMOID, TANH),
      model("ReLU, 3-4-1 Sigmoid, Sigmoid (MSE)", Loss.MSE, MseReluFirstSigmoidOutNet::create, 7,
          n -> List.of(n.linear1, n.linear2),
          RELU, lin(3, 4), SIGMOID, lin(4, 1), SIGMOID),
      model("3-2 Linear only (MSE)", Loss.MSE, MseLinearOnlyNet::create, 8,
          n -> List.of(n.linear1),
          lin(3, 2)),
      model("3-4-4-2 LeakyReLU, LeakyReLU(0.2), Sigmoid (BCE)", Loss.BCE, BceLeakyReluNet::create, 9,
          n -> List.of(n.linear1, n.linear2, n.linear3),
          lin(3, 4), leaky(0.01), lin(4, 4), leaky(0.2), lin(4, 2), SIGMOID),
      model("LeakyReLU(0.3), 3-4-2 Tanh, LeakyReLU(0.05) (MSE)", Loss.MSE, MseLeakyReluPairsNet::create, 10,
          n -> List.of(n.linear1, n.linear2),
          leaky(0.3), lin(3, 4), TANH, leaky(0.05), lin(4, 2)),
      classifier("4-6-3 ReLU, logits (cross-entropy)", Ce463ReluNet::create, 11,
          n -> List.of(n.linear1, n.linear2),
          lin(4, 6), RELU, lin(6, 3)),
      classifier("3-5-5-2 Tanh, LeakyReLU(0.1), logits (cross-entropy)", Ce3552Net::create, 12,
          n -> List.of(n.linear1, n.linear2, n.linear3),
          lin(3, 5), TANH, lin(5, 5), leaky(0.1), lin(5, 2)),
      classifier("4-6-5-3 ReLU, Dropout(0.3), Tanh, Dropout(0.5), logits (cross-entropy)", CeDropoutNet::create, 13,
          n -> List.of(n.linear1, n.linear2, n.linear3),
          lin(4, 6), RELU, drop(0.3), lin(6, 5), TANH, drop(0.5), lin(5, 3)),
      model("Dropout(0.25), 3-4-2 Sigmoid, Dropout(0.6) (MSE)", Loss.MSE, MseDropoutNet::create, 14,
          n -> List.of(n.linear1, n.linear2),
          drop(0.25), lin(3, 4), SIGMOID, drop(0.6), lin(4, 2)));

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    long seed = 100;
    for (Model model : MODELS) {
      if (model.loss() == Loss.BCE) {
        cases.add(new Case(model, Targets.BINARY, 5, seed++));
        cases.add(new Case(model, Targets.FRACTIONAL, 5, seed++));
      } else if (model.loss() == Loss.CROSS_ENTROPY) {
        cases.add(new Case(model, Targets.LABELS, 5, seed++));
        cases.add(new Case(model, Targets.LABELS, 12, seed++));
      } else {
        cases.add(new Case(model, Targets.REAL, 5, seed++));
      }
    }
    // other batch sizes: a single row (n = outputs), and more rows than any buffer started with
    cases.add(new Case(MODELS.get(1), Targets.FRACTIONAL, 1, seed++));
    cases.add(new Case(MODELS.get(2), Targets.REAL, 8, seed++));
    cases.add(new Case(MODELS.get(5), Targets.REAL, 1, seed++));
    return cases.stream();
  }

  // ---------------------------------------------------------------------------------------------
  // The check

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedGradientsMatchCentralDifferences(Case c) {
    Model model = c.model();
    Built built = model.create().get();
    Reference reference = new Reference(model, built.linears());
    Random random = new Random(c.seed());
    int rows = c.rows();
    int warmUpRows = rows + 3;
    reference.masks = masks(model, warmUpRows, rows);
    int inputs = model.inputs();
    int outputs = model.outputs();

    float[] x = new float[rows * inputs];
    int redrawn = 0;
    for (int r = 0; r < rows; r++) {
      for (int attempt = 0; ; attempt++) {
        double[] row = new double[inputs];
        for (int i = 0; i < inputs; i++) {
          x[r * inputs + i] = (float) (random.nextDouble() * 4 - 2);
          row[i] = x[r * inputs + i];
        }
        if (reference.reluMargin(row, r) >= KINK_MARGIN) {
          break;
        }
        redrawn++;
        assertTrue(attempt < 1000, "could not draw a row away from ReLU kinks");
      }
    }
    int perRow = c.targets() == Targets.LABELS ? 1 : outputs;
    float[] y = targets(c.targets(), rows * perRow, outputs, random);

    // A warm-up call on another, larger batch first: gradients must be written, not accumulated, and
    // nothing left in the grown buffers may leak into the checked batch.
    built.loss().lossAndGradients(uniform(warmUpRows * inputs, random, -2, 2),
        targets(c.targets(), warmUpRows * perRow, outputs, random), warmUpRows);

    // The reference mirrors the network: same predictions and loss, up to float rounding.
    float[] prediction = built.net().forward(x, rows);
    reference.training = false; // forward runs in evaluation: dropout is the identity
    double[] expectedPrediction = reference.forward(x, rows);
    reference.training = true;
    assertEquals(expectedPrediction.length, prediction.length, "prediction length");
    for (int i = 0; i < prediction.length; i++) {
      double tolerance = PREDICTION_TOLERANCE * Math.max(1, Math.abs(expectedPrediction[i]));
      assertEquals(expectedPrediction[i], prediction[i], tolerance, "prediction " + i);
    }
    float[][] weightsBefore = built.linears().stream().map(Linear::weight).toArray(float[][]::new);
    float loss = built.loss().lossAndGradients(x, y, rows);
    double expectedLoss = reference.loss(x, y, rows);
    double lossError = Math.abs(loss - expectedLoss) / Math.abs(expectedLoss);
    assertTrue(lossError <= LOSS_TOLERANCE,
        () -> "loss " + loss + " vs double reference " + expectedLoss + ": relative error " + lossError);
    for (int k = 0; k < built.linears().size(); k++) {
      assertArrayEquals(weightsBefore[k], built.linears().get(k).weight(), "lossAndGradients changed a weight");
    }

    // Every parameter's gradient against its central difference.
    Worst worst = new Worst();
    for (int k = 0; k < reference.weights.length; k++) {
      Linear linear = built.linears().get(k);
      float[] weightGrad = linear.weightGrad();
      float[] biasGrad = linear.biasGrad();
      for (int j = 0; j < weightGrad.length; j++) {
        int o = j / linear.in();
        int i = j % linear.in();
        worst.add("linear" + (k + 1) + ".weight[" + o + "][" + i + "]", weightGrad[j],
            reference.centralDifference(reference.weights[k], j, x, y, rows));
      }
      for (int j = 0; j < biasGrad.length; j++) {
        worst.add("linear" + (k + 1) + ".bias[" + j + "]", biasGrad[j],
            reference.centralDifference(reference.biases[k], j, x, y, rows));
      }
    }
    System.out.printf(Locale.ROOT,
        "gradient check %-66s loss rel err %.1e, %3d parameters, max rel err %.2e, max abs diff %.2e%s%n",
        c, lossError, worst.count, worst.relative, worst.absolute,
        redrawn == 0 ? "" : " (" + redrawn + " rows redrawn off ReLU kinks)");
    if (worst.relative > GRADIENT_TOLERANCE) {
      fail(String.format(Locale.ROOT, "%s: gradient of %s is %s, central difference %s; relative error %.3e "
              + "(tolerance %.0e, floor %.0e); max abs diff over all %d parameters %.3e",
          c, worst.parameter, worst.generated, worst.expected, worst.relative, GRADIENT_TOLERANCE, GRADIENT_FLOOR,
          worst.count, worst.absolute));
    }
  }

  /**
   * The masks the network draws in the checked {@code lossAndGradients} call, replayed on a generator of its
   * own: {@code create(seed)}'s draws (each Linear's default initialisation, in order), then the warm-up call's
   * masks, then the checked call's, each Dropout in field order, with the runtime's dropout kernel (itself bit
   * for bit with torch's {@code bernoulli_}). If the generated code drew in another order, or from another
   * generator, the masks would differ and so would the gradients.
   */
  static float[][] masks(Model model, int warmUpRows, int rows) {
    TorchGenerator generator = new TorchGenerator(model.seed());
    List<Integer> widths = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    int width = model.inputs();
    for (Spec spec : model.layers()) {
      if (spec instanceof Lin lin) {
        generator.initLinear(new float[lin.in() * lin.out() + lin.out()], 0, lin.in(), lin.out());
        width = lin.out();
      } else if (spec instanceof Drop drop) {
        widths.add(width);
        ps.add(drop.p());
      }
    }
    float[][] masks = new float[widths.size()][];
    for (int batch : new int[] {warmUpRows, rows}) {
      for (int d = 0; d < widths.size(); d++) {
        int n = batch * widths.get(d);
        masks[d] = new float[n];
        Kernels.dropoutForward(new float[n], masks[d], new float[n], n, ps.get(d), generator);
      }
    }
    return masks;
  }

  static float[] uniform(int n, Random random, double from, double to) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (from + random.nextDouble() * (to - from));
    }
    return values;
  }

  static float[] targets(Targets kind, int n, int classes, Random random) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = switch (kind) {
        case BINARY -> random.nextBoolean() ? 1f : 0f;
        // 0.3 exactly first, then any fraction, 0 and 1 included now and then
        case FRACTIONAL -> i == 0 ? 0.3f : i % 4 == 3 ? (float) (i / 4 % 2) : random.nextFloat();
        case REAL -> (float) (random.nextDouble() * 3 - 1.5);
        // every class, the first and the last included, now and then
        case LABELS -> random.nextInt(classes);
      };
    }
    return y;
  }

  /** The largest error seen so far, relative to {@code max(|fd|, GRADIENT_FLOOR)}, and where. */
  static final class Worst {
    int count;
    double relative = -1;
    double absolute;
    String parameter;
    float generated;
    double expected;

    void add(String name, float gradient, double centralDifference) {
      count++;
      double diff = Math.abs(gradient - centralDifference);
      absolute = Math.max(absolute, diff);
      double error = diff / Math.max(Math.abs(centralDifference), GRADIENT_FLOOR);
      if (!(error <= relative)) { // NaN counts as worst
        relative = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
        parameter = name;
        generated = gradient;
        expected = centralDifference;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Double-precision reference

  /** Forward and loss of an architecture in double, on a double copy of the network's parameters. */
  static final class Reference {
    final Model model;
    final double[][] weights;
    final double[][] biases;

    Reference(Model model, List<Linear> linears) {
      this.model = model;
      List<Lin> lins = model.layers().stream().filter(s -> s instanceof Lin).map(s -> (Lin) s).toList();
      assertEquals(lins.size(), linears.size(), "Linear layers described vs. given");
      weights = new double[lins.size()][];
      biases = new double[lins.size()][];
      for (int k = 0; k < lins.size(); k++) {
        Linear linear = linears.get(k);
        assertEquals(lins.get(k).in(), linear.in(), "in of Linear " + (k + 1));
        assertEquals(lins.get(k).out(), linear.out(), "out of Linear " + (k + 1));
        weights[k] = toDouble(linear.weight());
        biases[k] = toDouble(linear.bias());
      }
    }

    /** The dropout masks of the checked call, one {@code rows × width} array per {@link Drop} in order. */
    float[][] masks;
    /** Whether dropout applies its mask (the training pass) or is the identity ({@code forward}). */
    boolean training = true;

    /** Row {@code r} through the architecture; {@code margin[0]} becomes the smallest |input| of any ReLU. */
    double[] forwardRow(double[] x, int r, double[] margin) {
      double[] v = x;
      int k = 0;
      int d = 0;
      for (Spec spec : model.layers()) {
        if (spec instanceof Drop) {
          float[] mask = masks[d++];
          double[] a = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            a[i] = training ? v[i] * mask[r * v.length + i] : v[i];
          }
          v = a;
          continue;
        }
        if (spec instanceof Lin lin) {
          double[] w = weights[k];
          double[] b = biases[k];
          double[] l = new double[lin.out()];
          for (int o = 0; o < lin.out(); o++) {
            double acc = b[o];
            for (int i = 0; i < lin.in(); i++) {
              acc += w[o * lin.in() + i] * v[i];
            }
            l[o] = acc;
          }
          v = l;
          k++;
        } else if (spec instanceof Leaky leaky) {
          double[] a = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            margin[0] = Math.min(margin[0], Math.abs(v[i]));
            a[i] = leaky.apply(v[i]);
          }
          v = a;
        } else {
          Act act = (Act) spec;
          double[] a = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            if (act == Act.RELU) {
              margin[0] = Math.min(margin[0], Math.abs(v[i]));
            }
            a[i] = act.apply(v[i]);
          }
          v = a;
        }
      }
      return v;
    }

    double reluMargin(double[] row, int r) {
      double[] margin = {Double.POSITIVE_INFINITY};
      forwardRow(row, r, margin);
      return margin[0];
    }

    double[] forward(float[] x, int rows) {
      int inputs = model.inputs();
      int outputs = model.outputs();
      double[] out = new double[rows * outputs];
      double[] margin = {Double.POSITIVE_INFINITY};
      for (int r = 0; r < rows; r++) {
        double[] row = new double[inputs];
        for (int i = 0; i < inputs; i++) {
          row[i] = x[r * inputs + i];
        }
        System.arraycopy(forwardRow(row, r, margin), 0, out, r * outputs, outputs);
      }
      return out;
    }

    /**
     * Mean loss over all {@code rows × outputs} values, as {@code BCELoss} / {@code MSELoss}; for cross-entropy
     * the mean over rows of {@code -log softmax(l)[label]}, {@code CrossEntropyLoss}.
     */
    double loss(float[] x, float[] y, int rows) {
      double[] p = forward(x, rows);
      if (model.loss() == Loss.CROSS_ENTROPY) {
        int classes = model.outputs();
        double sum = 0;
        for (int r = 0; r < rows; r++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < classes; c++) {
            max = Math.max(max, p[r * classes + c]);
          }
          double exps = 0;
          for (int c = 0; c < classes; c++) {
            exps += Math.exp(p[r * classes + c] - max);
          }
          sum -= p[r * classes + (int) y[r]] - max - Math.log(exps);
        }
        return sum / rows;
      }
      double sum = 0;
      for (int i = 0; i < p.length; i++) {
        if (model.loss() == Loss.BCE) {
          sum -= y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log1p(-p[i]), -100);
        } else {
          double d = p[i] - y[i];
          sum += d * d;
        }
      }
      return sum / p.length;
    }

    /**
     * {@code (L(θ+h) − L(θ−h)) / ((θ+h) − (θ−h))} for {@code θ = parameters[j]}, dividing by the step actually
     * taken; restores θ afterwards.
     */
    double centralDifference(double[] parameters, int j, float[] x, float[] y, int rows) {
      double theta = parameters[j];
      double plus = theta + H;
      double minus = theta - H;
      parameters[j] = plus;
      double lossPlus = loss(x, y, rows);
      parameters[j] = minus;
      double lossMinus = loss(x, y, rows);
      parameters[j] = theta;
      return (lossPlus - lossMinus) / (plus - minus);
    }

    static double[] toDouble(float[] values) {
      double[] result = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        result[i] = values[i];
      }
      return result;
    }
  }
}
