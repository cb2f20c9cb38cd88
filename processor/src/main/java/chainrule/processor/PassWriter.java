package chainrule.processor;

import static chainrule.processor.Members.ENSURE_BACKWARD_CAPACITY;
import static chainrule.processor.Members.ENSURE_FORWARD_CAPACITY;
import static chainrule.processor.Members.FORWARD_PASS;
import static chainrule.processor.Members.GENERATOR;
import static chainrule.processor.Members.GRADS;
import static chainrule.processor.Members.OUTPUTS;
import static chainrule.processor.Members.PARAMS;
import static chainrule.processor.Members.ROWS;
import static chainrule.processor.Members.RUNNING;
import static chainrule.processor.Members.TRAINING_FORWARD_PASS;
import static chainrule.processor.Members.WORKERS;

import chainrule.internal.Kernels;
import chainrule.processor.Chain.Node;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the two unrolled passes of a network, like the lecture's slide: the forward pass one step a
 * layer (a Linear and the activation after it are one step), then the backward pass as the exact reverse,
 * seeded by the loss's gradient. Every block says which {@code @Layer} fields it computes and every
 * backward line which forward line it differentiates. What each layer computes is its {@link LayerType}'s.
 */
final class PassWriter {
  /** A buffer of {@code rows × width} floats the passes keep between steps. */
  record Buffer(String name, int width, String meaning) {}

  /** One statement of the backward pass, the comments above it, and the gradient buffer it writes, if any. */
  private record Line(List<String> comments, CodeBlock statement, Buffer writes) {}

  private final NetworkModel model;
  private final ClassName net;
  private final LossRule loss;
  private final List<Node> nodes;
  private final List<List<Node>> steps;
  private final List<Line> backward;

  PassWriter(NetworkModel model, ClassName net) {
    this.model = model;
    this.net = net;
    this.loss = LossRule.of(model.loss());
    this.nodes = Chain.nodes(model);
    this.steps = steps(nodes);
    this.backward = backwardLines();
  }

  /** The buffer holding the network's output after {@code forwardPass}. */
  String prediction() {
    return last().output();
  }

  /** Forward outputs, then the gradients backward writes, in the order the passes use them. */
  List<Buffer> buffers() {
    List<Buffer> buffers = new ArrayList<>(forwardBuffers());
    buffers.addAll(gradientBuffers());
    return buffers;
  }

  /** What the forward pass writes, step by step: all that inference needs. */
  List<Buffer> forwardBuffers() {
    List<Buffer> buffers = new ArrayList<>();
    for (List<Node> step : steps) {
      Node stored = step.get(step.size() - 1);
      buffers.add(new Buffer(stored.output(), stored.layer().out(), forwardFormula(step)));
    }
    buffers.addAll(loss.buffers(last())); // the loss's own (log_softmax): evaluate computes the loss too
    return buffers;
  }

  /** What training writes besides {@code grads}: allocated only when a network trains. */
  List<Buffer> gradientBuffers() {
    List<Buffer> buffers = new ArrayList<>();
    for (Node node : nodes) {
      if (node.layer().type().role == LayerType.Role.DROPOUT) {
        buffers.add(new Buffer(Naming.mask(node.output()), node.layer().out(),
            "mask of " + node.layer().field() + ", 0 or 1 / (1 - p), drawn by the training pass for backward"));
      }
    }
    for (Line line : backward) {
      if (line.writes() != null) {
        buffers.add(line.writes());
      }
    }
    return buffers;
  }

  /**
   * The loss of {@code predictions} against {@code targets} over the first {@code rows} rows, as the network's
   * loss defines it: {@code Kernels.bceForward(a2, Y, rows * OUTPUTS)}. What {@code lossAndGradients} returns
   * and what {@code fit}'s validation and {@code evaluate} measure.
   */
  CodeBlock loss(CharSequence predictions, CharSequence targets) {
    return loss.cost(predictions, targets).value();
  }

  /** Whether some layer computes differently in training (dropout, batch norm), so training needs its own pass. */
  boolean hasTrainingPass() {
    return nodes.stream().anyMatch(node -> node.layer().type().trainsDifferently());
  }

  /** The forward pass {@code lossAndGradients} runs: the training pass if there is one. */
  Members.Method trainingPass() {
    return hasTrainingPass() ? TRAINING_FORWARD_PASS : FORWARD_PASS;
  }

  /** The forward pass in evaluation mode, which {@code forward} runs (and training too, if no layer differs). */
  MethodSpec forwardPass() {
    String javadoc = hasTrainingPass()
        ? "Forward in evaluation mode, layer by layer, as {@code model.eval()}; the output is left in {@code $L}.\n"
        : "Forward, layer by layer, keeping what backward needs; the output is left in {@code $L}.\n";
    return pass(Poet.method(FORWARD_PASS, net).addJavadoc(javadoc, prediction()), false);
  }

  /** The forward pass in training mode, as {@code model.train()}, keeping what backward needs. */
  MethodSpec trainingForwardPass() {
    return pass(Poet.method(TRAINING_FORWARD_PASS, net).addJavadoc(
        "Forward in training mode, layer by layer, as {@code model.train()}, keeping what backward needs; the\n"
            + "output is left in {@code $L}.\n", prediction()), true);
  }

  private MethodSpec pass(MethodSpec.Builder method, boolean training) {
    method.addStatement("$N($N)", ENSURE_FORWARD_CAPACITY, ROWS);
    if (training) { // the masks it draws are kept for backward
      method.addStatement("$N($N)", ENSURE_BACKWARD_CAPACITY, ROWS);
    }
    for (List<Node> step : steps) {
      method.addComment("$L: $L", fields(step), training || !hasTrainingPass() ? forwardFormula(step)
          : evaluationFormula(step));
      Node first = step.get(0);
      Node stored = step.get(step.size() - 1);
      if (first.isBatchNorm()) {
        if (training) {
          method.addComment("  μ, σ² = mean and biased variance of $L over the batch's rows, ε = 1e-5; then", first.input())
              .addComment("  running_mean = 0.9·running_mean + 0.1·μ, running_var = 0.9·running_var + 0.1·σ²·n/(n - 1)");
        }
        method.addStatement(batchNormForward(first, training));
      } else if (first.layer().type().role == LayerType.Role.DROPOUT) {
        method.addStatement(dropoutForward(first, training));
      } else if (!first.isLinear()) {
        method.addStatement(activationForward(first, first.input()));
      } else if (step.size() == 1 || stored.layer().type().fusedKernel == null) {
        method.addStatement(linearForward(first, LayerType.LINEAR.forwardKernel, stored.output()));
        if (step.size() == 2) { // no fused kernel: the activation runs in place on the Linear's output
          method.addStatement(activationForward(stored, stored.output()));
        }
      } else {
        method.addStatement(linearForward(first, stored.layer().type().fusedKernel, stored.output()));
      }
    }
    return method.build();
  }

  MethodSpec backwardPass() {
    MethodSpec.Builder method = Poet.method(loss.backwardPass(), net)
        .addJavadoc("Backward: the forward pass in reverse, by the chain rule. Writes {@code $N}.\n", GRADS)
        .addStatement("$N($N)", ENSURE_BACKWARD_CAPACITY, ROWS);
    for (Line line : backward) {
      line.comments().forEach(comment -> method.addComment("$L", comment));
      method.addStatement(line.statement());
    }
    return method.build();
  }

  /** {@code Kernels.linearSigmoidForward(a1, X, params, W1, B1, rows, 2, 2, workers)}. */
  private CodeBlock linearForward(Node linear, String kernel, String output) {
    return CodeBlock.of("$T.$N($N, $N, $N, $N, $N, $N, $L, $L, $N)", Kernels.class, kernel, output, linear.input(),
        PARAMS, Naming.weightOffset(linear.k()), Naming.biasOffset(linear.k()), ROWS, linear.layer().in(),
        linear.layer().out(), WORKERS);
  }

  /**
   * Training: {@code Kernels.dropoutForward(a2_2, mask2_2, a2, rows * 4, 0.5, generator)}, drawing the mask from
   * the network's generator; evaluation: the identity, a copy.
   */
  private CodeBlock dropoutForward(Node dropout, boolean training) {
    CodeBlock count = count(dropout.layer().out());
    if (!training) {
      return CodeBlock.of("$T.arraycopy($N, 0, $N, 0, $L)", System.class, dropout.input(), dropout.output(), count);
    }
    return CodeBlock.of("$T.$N($N, $N, $N, $L, $L, $N)", Kernels.class, dropout.layer().type().forwardKernel,
        dropout.output(), Naming.mask(dropout.output()), dropout.input(), count, dropout.layer().arguments().get(0),
        GENERATOR);
  }

  /**
   * Training: {@code Kernels.batchNormForward(n1, mean1, invStd1, l1, params, G1, running, S1, rows, 32)}, the
   * batch statistics kept for backward and the running ones updated; evaluation:
   * {@code Kernels.batchNormEvalForward(n1, l1, params, G1, running, S1, rows, 32)}, the running statistics.
   */
  private CodeBlock batchNormForward(Node norm, boolean training) {
    String n = norm.output();
    int features = norm.layer().out();
    if (!training) {
      return CodeBlock.of("$T.$N($N, $N, $N, $N, $N, $N, $N, $L)", Kernels.class,
          norm.layer().type().evaluationKernel, n, norm.input(), PARAMS, Naming.gammaOffset(n), RUNNING,
          Naming.statisticsOffset(n), ROWS, features);
    }
    return CodeBlock.of("$T.$N($N, $N, $N, $N, $N, $N, $N, $N, $N, $L)", Kernels.class,
        norm.layer().type().forwardKernel, n, Naming.batchMean(n), Naming.batchInvStd(n), norm.input(), PARAMS,
        Naming.gammaOffset(n), RUNNING, Naming.statisticsOffset(n), ROWS, features);
  }

  /** {@code Kernels.leakyReluForward(a1, l1, 0.01f, rows * 4)}. */
  private CodeBlock activationForward(Node activation, String input) {
    return CodeBlock.of("$T.$N($N, $N$L, $L)", Kernels.class, activation.layer().type().forwardKernel,
        activation.output(), input, arguments(activation.layer()), count(activation.layer().out()));
  }

  /**
   * The backward pass: the seed (the loss's gradient, fused with a final Sigmoid's for BCE), then each
   * layer in reverse down to the first layer with parameters (a Linear or a batch norm); layers before it
   * have nothing to train, and it computes no gradient of its input.
   */
  private List<Line> backwardLines() {
    List<Line> lines = new ArrayList<>();
    LossRule.Seed seed = loss.seed(last());
    lines.add(new Line(seed.comments(), seed.statement(), seed.writes()));
    int firstTrained = 0;
    while (!nodes.get(firstTrained).layer().type().hasParameters()) {
      firstTrained++;
    }
    for (int i = nodes.size() - (seed.fusesLastLayer() ? 2 : 1); i >= firstTrained; i--) {
      Node node = nodes.get(i);
      boolean first = i == firstTrained;
      if (node.isLinear() && !first && nodes.get(i - 1).layer().type().fusedBackwardKernel() != null) {
        lines.add(linearActivationBackward(node, nodes.get(--i))); // the activation's line too: skip it
      } else {
        lines.add(node.isLinear() ? linearBackward(node, first)
            : node.isBatchNorm() ? batchNormBackward(node, first) : activationBackward(node));
      }
    }
    return List.copyOf(lines);
  }

  private Line activationBackward(Node node) {
    if (node.layer().type().role == LayerType.Role.DROPOUT) {
      return dropoutBackward(node);
    }
    LayerModel layer = node.layer();
    String a = node.output();
    return new Line(
        List.of(activationComment(node)),
        CodeBlock.of("$T.$N($N, $N, $N$L, $L)", Kernels.class, layer.type().backwardKernel,
            Naming.gradient(node.input()), Naming.gradient(a), a, arguments(layer), count(layer.out())),
        new Buffer(Naming.gradient(node.input()), layer.out(), "gradient of " + node.input()));
  }

  /** {@code relu1, grad of a1 = relu(l1): d_l1 = d_a1 · [a1 > 0]}. */
  private static String activationComment(Node node) {
    LayerModel layer = node.layer();
    String a = node.output();
    List<Object> values = new ArrayList<>(List.of(a));
    values.addAll(layer.arguments());
    return String.format("%s, grad of %s = %s: %s = %s · %s", layer.field(), a,
        String.format(layer.type().formula, node.input()), Naming.gradient(node.input()), Naming.gradient(a),
        String.format(layer.type().derivative, values.toArray()));
  }

  /**
   * A Linear's backward and the activation's before it in one kernel,
   * {@code Kernels.linearReluBackward(d_l1, grads, d_l2, a1, params, W2, B2, rows, 1024, 1024, workers)}: the
   * activation's output is the Linear's input, so it is both what the weight gradient multiplies and what gates
   * the input gradient. The Linear's comment, then the activation's, which says that the gradient of its output
   * is gated as it is computed and not stored.
   */
  private Line linearActivationBackward(Node linear, Node activation) {
    String dIn = Naming.gradient(activation.input());
    return new Line(
        List.of(linearComment(linear, false), activationComment(activation) + ", "
            + Naming.gradient(linear.input()) + " gated as it is computed (not stored)"),
        linearBackwardCall(activation.layer().type().fusedBackwardKernel(), dIn, linear),
        new Buffer(dIn, activation.layer().out(), "gradient of " + activation.input()));
  }

  /** {@code Kernels.dropoutBackward(d_a2, d_a2_2, mask2_2, rows * 4)}: the gradient through the training pass's mask. */
  private Line dropoutBackward(Node node) {
    LayerModel layer = node.layer();
    String mask = Naming.mask(node.output());
    String dIn = Naming.gradient(node.input());
    String dOut = Naming.gradient(node.output());
    return new Line(
        List.of(String.format("%s, grad of %s = %s·%s: %s = %s·%s (the mask holds 0 or 1 / (1 - p))", layer.field(),
            node.output(), node.input(), mask, dIn, dOut, mask)),
        CodeBlock.of("$T.$N($N, $N, $N, $L)", Kernels.class, layer.type().backwardKernel, dIn, dOut, mask,
            count(layer.out())),
        new Buffer(dIn, layer.out(), "gradient of " + node.input()));
  }

  /**
   * {@code Kernels.batchNormBackward(d_l1, grads, d_n1, l1, mean1, invStd1, params, G1, rows, 32)}, through the
   * batch statistics the training pass kept; {@code null} for {@code d_l1} if nothing before it trains.
   */
  private Line batchNormBackward(Node node, boolean first) {
    String n = node.output();
    String in = node.input();
    String dIn = Naming.gradient(in);
    String dOut = Naming.gradient(n);
    String gamma = Naming.gamma(n);
    List<String> comments = List.of(
        String.format("%s, grad of %s = %s, with x̂ = (%s - μ)/√(σ² + ε):", node.layer().field(), n,
            trainingFormula(node), in),
        String.format("  %s = Σ_rows %s·x̂; %s = Σ_rows %s%s", Naming.gradient(gamma), dOut,
            Naming.gradient(Naming.beta(n)), dOut, first ? ""
                : String.format("; %s = %s/√(σ² + ε)·(%s - mean(%s) - x̂·mean(%s·x̂))", dIn, gamma, dOut, dOut, dOut)));
    return new Line(comments,
        CodeBlock.of("$T.$N($L, $N, $N, $N, $N, $N, $N, $N, $N, $L)", Kernels.class,
            node.layer().type().backwardKernel, first ? "null" : dIn, GRADS, dOut, in, Naming.batchMean(n),
            Naming.batchInvStd(n), PARAMS, Naming.gammaOffset(n), ROWS, node.layer().out()),
        first ? null : new Buffer(dIn, node.layer().out(), "gradient of " + in));
  }

  private Line linearBackward(Node node, boolean first) {
    String in = node.input();
    String dIn = Naming.gradient(in);
    return new Line(
        List.of(linearComment(node, first)),
        linearBackwardCall(LayerType.LINEAR.backwardKernel, first ? "null" : dIn, node),
        first ? null : new Buffer(dIn, node.layer().in(), "gradient of " + in));
  }

  /**
   * {@code Kernels.linearBackward(d_a1, grads, d_l2, a1, params, W2, B2, rows, 4, 1, workers)}: a Linear's backward
   * kernel ({@code kernel}), writing the gradient of its input to {@code dIn} ({@code null}: not computed).
   */
  private static CodeBlock linearBackwardCall(String kernel, String dIn, Node linear) {
    int k = linear.k();
    return CodeBlock.of("$T.$N($L, $N, $N, $N, $N, $N, $N, $N, $L, $L, $N)", Kernels.class, kernel, dIn, GRADS,
        Naming.gradient(linear.output()), linear.input(), PARAMS, Naming.weightOffset(k), Naming.biasOffset(k), ROWS,
        linear.layer().in(), linear.layer().out(), WORKERS);
  }

  /** {@code linear2, grad of l2 = a1·w2ᵀ + b2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2}. */
  private static String linearComment(Node node, boolean first) {
    int k = node.k();
    String out = node.output();
    String in = node.input();
    String dOut = Naming.gradient(out);
    return String.format("%s, grad of %s = %s: %s = %sᵀ·%s; %s = Σ_rows %s%s", node.layer().field(), out,
        linearFormula(node), Naming.gradient(Naming.weight(k)), dOut, in, Naming.gradient(Naming.bias(k)), dOut,
        first ? "" : "; " + Naming.gradient(in) + " = " + dOut + "·" + Naming.weight(k));
  }

  /** {@code rows * 4}, or {@code rows} for a width of 1: the element count of a buffer. */
  static CodeBlock count(int width) {
    return width == 1 ? CodeBlock.of("$N", ROWS) : CodeBlock.of("$N * $L", ROWS, width);
  }

  /** {@code , 0.01f}: a layer's arguments as the float literals its kernels take, each after a comma. */
  private static CodeBlock arguments(LayerModel layer) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (double value : layer.arguments()) {
      arguments.add(", $Lf", Float.toString((float) value));
    }
    return arguments.build();
  }

  /** {@code l1 = X·w1ᵀ + b1; a1 = σ(l1)}, as in training. */
  private static String forwardFormula(List<Node> step) {
    return step.stream()
        .map(node -> node.output() + " = " + (node.isLinear() ? linearFormula(node)
            : node.isBatchNorm() ? trainingFormula(node)
            : node.layer().type().role == LayerType.Role.DROPOUT ? dropoutFormula(node)
            : String.format(node.layer().type().formula, node.input())))
        .collect(Collectors.joining("; "));
  }

  /** {@code a1_2 = a1 (evaluation: the identity)} for a dropout, else as {@link #forwardFormula}. */
  private static String evaluationFormula(List<Node> step) {
    Node first = step.get(0);
    if (first.layer().type().role == LayerType.Role.DROPOUT) {
      return first.output() + " = " + first.input() + ", the identity in evaluation";
    }
    if (first.isBatchNorm()) {
      return first.output() + " = " + batchNormFormula(first, "running_mean", "running_var")
          + ", the running statistics in evaluation";
    }
    return forwardFormula(step);
  }

  /** {@code γ1·(l1 - μ)/√(σ² + ε) + β1}: a batch norm with the batch's statistics. */
  private static String trainingFormula(Node node) {
    return batchNormFormula(node, "μ", "σ²");
  }

  private static String batchNormFormula(Node node, String mean, String variance) {
    return String.format(node.layer().type().formula, node.input(), Naming.gamma(node.output()),
        Naming.beta(node.output()), mean, variance);
  }

  /** {@code a1 · mask1_2 / (1 - p), mask1_2 ~ Bernoulli(1 - p), p = 0.5}. */
  private static String dropoutFormula(Node node) {
    String mask = Naming.mask(node.output());
    return String.format("%s·%s, %s ~ Bernoulli(1 - p) / (1 - p), p = %s", node.input(), mask, mask,
        node.layer().arguments().get(0));
  }

  /** {@code X·w1ᵀ + b1}. */
  private static String linearFormula(Node node) {
    return String.format(node.layer().type().formula, node.input(), Naming.weight(node.k()), Naming.bias(node.k()));
  }

  /** {@code @Layer linear1 (Linear 2 -> 2), sigmoid1}. */
  private static String fields(List<Node> step) {
    return step.stream()
        .map(node -> node.isLinear()
            ? node.layer().field() + " (" + node.layer().type().simpleName + " " + node.layer().in() + " -> "
                + node.layer().out() + ")"
            : node.isBatchNorm() ? node.layer().field() + " (" + node.layer().describe() + ")"
            : node.layer().field())
        .collect(Collectors.joining(", ", "@Layer ", ""));
  }

  /** The nodes grouped into the steps of the forward pass: a Linear with the activation it feeds, or one layer. */
  private static List<List<Node>> steps(List<Node> nodes) {
    List<List<Node>> steps = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      steps.add(nodes.get(i).fusedIntoNext() ? List.of(nodes.get(i), nodes.get(++i)) : List.of(nodes.get(i)));
    }
    return List.copyOf(steps);
  }

  /** The last layer's node, whose output is the network's. */
  Node last() {
    return nodes.get(nodes.size() - 1);
  }
}
