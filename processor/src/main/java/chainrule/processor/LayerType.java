package chainrule.processor;

import static chainrule.processor.LayerElement.IN;
import static chainrule.processor.LayerElement.INIT;
import static chainrule.processor.LayerElement.NEGATIVE_SLOPE;
import static chainrule.processor.LayerElement.OUT;
import static chainrule.processor.LayerElement.P;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The layer types a {@code @Layer} field can have, each described once: its runtime class, the
 * {@code @Layer} elements it takes, its kernel pair in {@code chainrule.internal.Kernels}, the formula and
 * derivative its generated comments show, its parameters and how it sizes itself. The readers, the
 * validators and the writers all read these entries; adding a layer type is one entry here plus its kernels.
 *
 * <p>Kernel calls follow llm.c's order. An activation's forward kernel is {@code (out, in, arguments…, n)},
 * its backward kernel {@code (dIn, dOut, out, arguments…, n)}: it differentiates in terms of its output
 * {@code a}, so only {@code a} is stored; the arguments are its elements' values in the order listed.
 */
enum LayerType {
  /** {@code torch.nn.Linear(in, out)}: {@code l = x·Wᵀ + b}, W {@code out × in}, then b. */
  LINEAR("Linear", Role.AFFINE, List.of(IN, OUT, INIT), "linearForward", "linearBackward", null,
      "%s·%sᵀ + %s", null, List.of(new Tensor("weight", OUT, IN), new Tensor("bias", OUT))),
  /** {@code torch.nn.Sigmoid}: {@code σ(l) = 1 / (1 + e^-l)}, {@code σ' = a·(1 - a)}. */
  SIGMOID("Sigmoid", Role.ACTIVATION, List.of(), "sigmoidForward", "sigmoidBackward", "linearSigmoidForward",
      "σ(%s)", "%1$s·(1 - %1$s)", List.of()),
  /** {@code torch.nn.ReLU}: {@code max(l, 0)}; gradient 0 at 0, like PyTorch's threshold_backward. */
  RELU("ReLU", Role.ACTIVATION, List.of(), "reluForward", "reluBackward", "linearReluForward",
      "relu(%s)", "[%1$s > 0]", List.of()),
  /** {@code torch.nn.Tanh}: {@code tanh' = 1 - a²}. */
  TANH("Tanh", Role.ACTIVATION, List.of(), "tanhForward", "tanhBackward", "linearTanhForward",
      "tanh(%s)", "(1 - %1$s²)", List.of()),
  /** {@code torch.nn.LeakyReLU(negative_slope)}: {@code l > 0 ? l : slope·l}; gradient {@code slope} at 0. */
  LEAKY_RELU("LeakyReLU", Role.ACTIVATION, List.of(NEGATIVE_SLOPE), "leakyReluForward", "leakyReluBackward", null,
      "leakyRelu(%s)", "(%1$s > 0 ? 1 : %2$s)", List.of()),
  /**
   * {@code torch.nn.Dropout(p)}, inverted: in training {@code x·mask / (1 - p)} with {@code mask ~ Bernoulli(1 - p)}
   * drawn as torch's {@code bernoulli_}; in evaluation the identity. Its kernels take {@code p} as a double.
   */
  DROPOUT("Dropout", Role.DROPOUT, List.of(P), "dropoutForward", "dropoutBackward", null,
      "%s·mask / (1 - p)", "mask", List.of()),
  /**
   * {@code torch.nn.BatchNorm1d(features)}, eps 1e-5, momentum 0.1: {@code γ·(x - μ)/√(σ² + ε) + β} per feature, with
   * the batch's mean and biased variance in training (the running statistics move towards them, the variance
   * unbiased) and the running statistics in evaluation. Its kernels take the layer's offsets ({@code γ} then
   * {@code β} in params, running mean then running variance in the running statistics) and the feature count.
   * Formula arguments: the input, γ, β, then the mean and the variance it normalises with.
   */
  BATCH_NORM("BatchNorm1d", Role.NORMALIZATION, List.of(), "batchNormForward", "batchNormBackward", null,
      "%2$s·(%1$s - %4$s)/√(%5$s + ε) + %3$s", null, List.of(new Tensor("weight", OUT), new Tensor("bias", OUT)),
      "batchNormEvalForward", List.of(new Tensor("running_mean", OUT), new Tensor("running_var", OUT)));

  /** How a layer computes, and with it how the writers call its kernels and how it is sized. */
  enum Role {
    /** Has parameters and its own sizes ({@code in}, {@code out}); a step of its own, or fused with an activation after it. */
    AFFINE,
    /** Element-wise, without parameters: keeps the width of the layer before it. */
    ACTIVATION,
    /**
     * Element-wise, without parameters, keeps the width, but random in training (a mask drawn from the network's
     * generator, kept for backward) and the identity in evaluation. Not fused with a Linear before it.
     */
    DROPOUT,
    /**
     * Keeps the width and has parameters (a scale and a shift per feature) and running statistics (buffers
     * saved with the parameters, never optimised): normalises by the batch's statistics in training, by the
     * running ones in evaluation. A step of its own; its backward needs its input and the batch statistics.
     */
    NORMALIZATION
  }

  /**
   * A parameter tensor of the layer, in PyTorch's order, with its shape in the layer's sizes.
   *
   * @param dimensions {@code OUT, IN} for a weight of {@code out × in}
   */
  record Tensor(String name, LayerElement... dimensions) {}

  /** The runtime class, {@code chainrule.<simpleName>}. */
  final String simpleName;
  final Role role;
  /** The {@code @Layer} elements it takes; any other element written is an error. */
  final List<LayerElement> elements;
  /** Kernel method names in {@code Kernels}. */
  final String forwardKernel;
  final String backwardKernel;
  /** The kernel computing {@code this(x·Wᵀ + b)} in one pass, or null: then the Linear writes and this updates in place. */
  final String fusedKernel;
  /** The output's formula in terms of the input (for a Linear: of the input, the weight and the bias). */
  final String formula;
  /** An activation's derivative in terms of its output and then its elements' values; null for a Linear. */
  final String derivative;
  /** Its trainable parameters, in PyTorch's order. */
  final List<Tensor> parameters;
  /** The forward kernel in evaluation mode, if it differs from the training one ({@link #forwardKernel}); else null. */
  final String evaluationKernel;
  /** Its running statistics, in the order of PyTorch's {@code buffers()} ({@code num_batches_tracked} aside). */
  final List<Tensor> runningStatistics;

  LayerType(String simpleName, Role role, List<LayerElement> elements, String forwardKernel, String backwardKernel,
      String fusedKernel, String formula, String derivative, List<Tensor> parameters) {
    this(simpleName, role, elements, forwardKernel, backwardKernel, fusedKernel, formula, derivative, parameters, null,
        List.of());
  }

  LayerType(String simpleName, Role role, List<LayerElement> elements, String forwardKernel, String backwardKernel,
      String fusedKernel, String formula, String derivative, List<Tensor> parameters, String evaluationKernel,
      List<Tensor> runningStatistics) {
    this.simpleName = simpleName;
    this.role = role;
    this.elements = elements;
    this.forwardKernel = forwardKernel;
    this.backwardKernel = backwardKernel;
    this.fusedKernel = fusedKernel;
    this.formula = formula;
    this.derivative = derivative;
    this.parameters = parameters;
    this.evaluationKernel = evaluationKernel;
    this.runningStatistics = runningStatistics;
  }

  /** The elements whose values the kernels take as arguments: all but the sizes and the initialiser. */
  List<LayerElement> arguments() {
    return elements.stream().filter(LayerElement::isArgument).toList();
  }

  boolean isActivation() {
    return role == Role.ACTIVATION;
  }

  /** Whether it has its own sizes; every other layer keeps the width of the layer before it. */
  boolean isAffine() {
    return role == Role.AFFINE;
  }

  /** Whether it computes differently in training than in evaluation (PyTorch's {@code model.train()}). */
  boolean trainsDifferently() {
    return role == Role.DROPOUT || role == Role.NORMALIZATION;
  }

  /** Whether it has trainable parameters, so backward must reach it. */
  boolean hasParameters() {
    return !parameters.isEmpty();
  }

  /**
   * The bounded range it squashes its output into ({@code "(0, 1)"}), or null if it does not squash: squashed
   * logits make no sense under cross-entropy's softmax.
   */
  String squashesInto() {
    return switch (this) {
      case SIGMOID -> "(0, 1)";
      case TANH -> "(-1, 1)";
      default -> null;
    };
  }

  /**
   * The kernel computing a Linear's backward and then this activation's, when the activation's output is the
   * Linear's input ({@code Kernels.linearReluBackward}), or null: then each has its own line. Only ReLU has
   * one: its derivative is a gate on the elements of the Linear's input gradient, applied as they are
   * computed, so no buffer holds the gradient of its output.
   */
  String fusedBackwardKernel() {
    return this == RELU ? "linearReluBackward" : null;
  }

  /** Whether its outputs are probabilities, as {@code Loss.BCE} needs of the last layer. */
  boolean outputsProbabilities() {
    return this == SIGMOID;
  }

  /** The type whose runtime class is {@code qualifiedName}, or null if it is not a layer type. */
  static LayerType forQualifiedName(String qualifiedName) {
    return Stream.of(values()).filter(t -> qualifiedName.equals("chainrule." + t.simpleName)).findFirst().orElse(null);
  }

  /** The simple names of all layer types. */
  static List<String> simpleNames() {
    return Stream.of(values()).map(t -> t.simpleName).toList();
  }

  /** {@code "Linear, Sigmoid, ReLU, Tanh, LeakyReLU, Dropout or BatchNorm1d"}, for messages. */
  static String names() {
    List<String> names = simpleNames();
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  /** {@code "LeakyReLU"}: the types that take {@code element}, for messages. */
  static String takers(LayerElement element) {
    return Stream.of(values()).filter(t -> t.elements.contains(element)).map(t -> t.simpleName)
        .collect(Collectors.joining(" and "));
  }
}
