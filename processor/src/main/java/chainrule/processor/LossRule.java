package chainrule.processor;

import static chainrule.processor.Members.OUTPUTS;
import static chainrule.processor.Members.ROWS;
import static chainrule.processor.Members.TARGET;

import chainrule.Classifier;
import chainrule.Loss;
import chainrule.Trainable;
import chainrule.internal.Checks;
import chainrule.internal.Kernels;
import chainrule.processor.Chain.Node;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Each {@link Loss} described once, as {@link LayerType} describes each layer: the targets its networks take
 * (and so their interface and training methods), how {@code lossAndGradients} checks them and computes the
 * loss, the buffers the loss keeps, and the seed of the backward pass with its comment. The writers and the
 * validators read these entries.
 */
enum LossRule {
  /** {@code nn.BCELoss()} after a final Sigmoid, whose derivative the seed fuses in. */
  BCE(Loss.BCE, Trainable.class, chainrule.internal.Layout.Targets.PROBABILITIES) {
    @Override
    CodeBlock checkTargets() {
      return CodeBlock.of("$T.probabilities($S, $N, $N, $N)", Checks.class, Members.Y.name(), Members.Y, ROWS, OUTPUTS);
    }

    @Override
    Cost cost(CharSequence predictions, CharSequence targets) {
      return new Cost(List.of(), CodeBlock.of("$T.bceForward($N, $N, $N * $N)", Kernels.class, predictions,
          targets, ROWS, OUTPUTS));
    }

    @Override
    Seed seed(Node last) {
      // validated: the last layer is a Sigmoid
      String output = last.output();
      String logit = last.input();
      String upstream = Naming.gradient(logit);
      int width = last.layer().out();
      return new Seed(
          List.of(String.format("%s + BCE, grad of %s = σ(%s) and cost = BCE(%s, %s):", last.layer().field(),
                  output, logit, output, Naming.TARGET),
              String.format("  %s = (%s - %s) / n, since σ'(%s) = %s·(1 - %s) cancels BCE's 1 / (%s·(1 - %s))",
                  upstream, output, Naming.TARGET, logit, output, output, output, output)),
          CodeBlock.of("$T.sigmoidBceBackward($N, $N, $N, $L)", Kernels.class, upstream, output, TARGET,
              PassWriter.count(width)),
          new PassWriter.Buffer(upstream, width, "gradient of " + logit),
          true);
    }
  },

  /** {@code nn.MSELoss()} on any last layer. */
  MSE(Loss.MSE, Trainable.class, chainrule.internal.Layout.Targets.VALUES) {
    @Override
    CodeBlock checkTargets() {
      return CodeBlock.of("$T.batch($S, $N, $N, $N)", Checks.class, Members.Y.name(), Members.Y, ROWS, OUTPUTS);
    }

    @Override
    Cost cost(CharSequence predictions, CharSequence targets) {
      return new Cost(List.of(), CodeBlock.of("$T.mseForward($N, $N, $N * $N)", Kernels.class, predictions,
          targets, ROWS, OUTPUTS));
    }

    @Override
    Seed seed(Node last) {
      String output = last.output();
      String upstream = Naming.gradient(output);
      int width = last.layer().out();
      return new Seed(
          List.of(String.format("MSE, grad of cost = mean((%s - %s)²): %s = 2·(%s - %s) / n", output,
              Naming.TARGET, upstream, output, Naming.TARGET)),
          CodeBlock.of("$T.mseBackward($N, $N, $N, $L)", Kernels.class, upstream, output, TARGET,
              PassWriter.count(width)),
          new PassWriter.Buffer(upstream, width, "gradient of " + output),
          false);
    }
  },

  /**
   * {@code nn.CrossEntropyLoss()} with class-index targets on the logits the last layer writes: log-softmax
   * fused into the loss, and its backward fused with NLL's into one seed.
   */
  CROSS_ENTROPY(Loss.CROSS_ENTROPY, Classifier.class, chainrule.internal.Layout.Targets.CLASSES) {
    @Override
    CodeBlock checkTargets() {
      return CodeBlock.of("$T.labels($S, $N, $N, $N)", Checks.class, Members.LABELS.name(), Members.LABELS, ROWS,
          OUTPUTS);
    }

    @Override
    Cost cost(CharSequence predictions, CharSequence targets) {
      CharSequence logits = predictions;
      return new Cost(
          List.of(String.format("cost = CrossEntropy(%s, %s): log p = %s - m - log Σ exp(%s - m), m = max of each "
              + "row; cost = mean(-log p[label])", logits, targets, logits, logits)),
          CodeBlock.of("$T.crossEntropyForward($N, $N, $N, $N, $N)", Kernels.class, Naming.LOG_PROBABILITIES, logits,
              targets, ROWS, OUTPUTS));
    }

    @Override
    Seed seed(Node last) {
      String logits = last.output();
      String upstream = Naming.gradient(logits);
      int classes = last.layer().out();
      return new Seed(
          List.of(String.format("%s + CrossEntropy, grad of cost = mean(-log softmax(%s)[label]):",
                  last.layer().field(), logits),
              String.format("  %s = (softmax(%s) - onehot(%s)) / n, since log-softmax's Jacobian turns NLL's -1/n at "
                  + "the label into softmax/n", upstream, logits, Naming.LABELS)),
          CodeBlock.of("$T.crossEntropyBackward($N, $N, $N, $N, $L)", Kernels.class, upstream,
              Naming.LOG_PROBABILITIES, Members.LABELS, ROWS, classes),
          new PassWriter.Buffer(upstream, classes, "gradient of " + logits),
          false);
    }

    @Override
    List<PassWriter.Buffer> buffers(Node last) {
      return List.of(new PassWriter.Buffer(Naming.LOG_PROBABILITIES, last.layer().out(),
          "log_softmax(" + last.output() + "), kept by the loss for backward"));
    }

    @Override
    boolean takesLabels() {
      return true;
    }
  };

  /**
   * The statement computing the loss in {@code lossAndGradients} after the forward pass, and its comments.
   *
   * @param value the expression whose value is the loss
   */
  record Cost(List<String> comments, CodeBlock value) {}

  /**
   * The first statement of the backward pass: the loss's gradient, with its comments.
   *
   * @param writes the gradient buffer it writes
   * @param fusesLastLayer whether it differentiates the last layer too (BCE through the final Sigmoid), so that
   *     backward goes on from the layer before it
   */
  record Seed(List<String> comments, CodeBlock statement, PassWriter.Buffer writes, boolean fusesLastLayer) {}

  final Loss loss;
  /** The interface its networks implement. */
  final Class<?> face;
  /** What its targets are, as the runtime's {@code Layout} of a network says. */
  final chainrule.internal.Layout.Targets layoutTargets;

  LossRule(Loss loss, Class<?> face, chainrule.internal.Layout.Targets layoutTargets) {
    this.loss = loss;
    this.face = face;
    this.layoutTargets = layoutTargets;
  }

  /** The statement of {@code lossAndGradients} that checks the targets, before the forward pass. */
  abstract CodeBlock checkTargets();

  /**
   * The loss of {@code predictions} (the last layer's output, or a lambda's parameter) against {@code targets}
   * (the parameter holding them where the statement stands), over the first {@code rows} rows.
   */
  abstract Cost cost(CharSequence predictions, CharSequence targets);

  abstract Seed seed(Node last);

  /** Buffers of {@code rows × width} the loss keeps besides the gradients, in the order they are used. */
  List<PassWriter.Buffer> buffers(Node last) {
    return List.of();
  }

  /** Whether its targets are class labels ({@code int[]}), not float targets ({@code rows × OUTPUTS}). */
  boolean takesLabels() {
    return false;
  }

  /** {@code y} or {@code labels}: the targets as the public methods take them. */
  Members.Parameter targets() {
    return takesLabels() ? Members.LABELS : Members.Y;
  }

  /** {@code Y} or {@code labels}: the targets inside the passes. */
  Members.Parameter passTargets() {
    return takesLabels() ? Members.LABELS : Members.TARGET;
  }

  Members.Method lossAndGradients() {
    return takesLabels() ? Members.LOSS_AND_GRADIENTS_LABELS : Members.LOSS_AND_GRADIENTS;
  }

  Members.Method trainStep() {
    return takesLabels() ? Members.TRAIN_STEP_LABELS : Members.TRAIN_STEP;
  }

  Members.Method backprop() {
    return takesLabels() ? Members.BACKPROP_LABELS : Members.BACKPROP;
  }

  Members.Method backwardPass() {
    return takesLabels() ? Members.BACKWARD_PASS_LABELS : Members.BACKWARD_PASS;
  }

  static LossRule of(Loss loss) {
    return valueOf(loss.name());
  }
}
