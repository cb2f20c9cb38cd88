package chainrule.processor;

import java.util.regex.Pattern;

/**
 * Every name the generated code makes up, in one place, following the lecture's slide: the k-th Linear
 * computes {@code l<k> = a<k-1>·w<k>ᵀ + b<k>}, its activation {@code a<k> = σ(l<k>)}, and the gradient of
 * a value {@code v} is {@code d_v} ({@code d_l2}, {@code d_w2}, {@code d_a1}). The fixed members of the
 * generated class are named in {@link Members}; this class names what depends on the network, each family
 * of names next to the pattern that recognises it, so that a {@code @Layer} field can be told it would clash.
 */
final class Naming {
  private Naming() {}

  /** The network's input inside the passes, as on the slide. */
  static final String INPUT = "X";
  /** The targets inside the passes, as on the slide. */
  static final String TARGET = "Y";
  /** A cross-entropy network's class labels, in its public methods and inside the passes. */
  static final String LABELS = "labels";
  /** A cross-entropy network's log-probabilities {@code log_softmax(logits)}, kept from the loss for backward. */
  static final String LOG_PROBABILITIES = "logp";
  /** The locals of {@code create}: the generator it seeds, and the network it initialises from it. */
  static final String GENERATOR = "generator";
  static final String NET = "net";
  /** The local of {@code create} holding the initialisers ({@code torch.nn.init}), when a layer has one. */
  static final String INIT = "init";
  /** The local holding the loss in {@code lossAndGradients}, {@code backprop} and {@code fit}. */
  static final String COST = "cost";
  /** The class labels of a batch inside {@code fit} and the passes of a cross-entropy network. */
  static final String BATCH_LABELS = "L";
  /** {@code fit}'s training run, the runtime's driver of the loop. */
  static final String RUN = "run";
  /** The parameters of the loss {@code network()} hands the driver: predictions, targets (and rows). */
  static final String PREDICTIONS = "p";
  static final String TARGETS = "y";
  /** The locals of {@code predict}, as in the lecture: the probabilities, then the classes. */
  static final String HYPOTHESIS = "hypothesis";
  static final String PREDICTED = "predicted";

  /** The generated class's simple name: {@code XorNnNet}, {@code Outer_InnerNet} for {@code Outer.Inner}. */
  static String netName(String modelClass) {
    return modelClass.replace('.', '_') + "Net";
  }

  /** Output of the k-th Linear (1-based), before any activation: {@code l2}. */
  static String linearOutput(int k) {
    return "l" + k;
  }

  /**
   * Output of the j-th activation (1-based) in a row after the k-th Linear: {@code a2} for the first after
   * {@code l2}, then {@code a2_2}, {@code a2_3}; k = 0 for activations of the input ({@code a0}, {@code a0_2}).
   */
  static String activationOutput(int k, int j) {
    return "a" + k + (j == 1 ? "" : "_" + j);
  }

  /** The mask of the dropout that writes {@code a2_2} ({@link #activationOutput}): {@code mask2_2}. */
  static String mask(String output) {
    return "mask" + output.substring(1);
  }

  /**
   * Output of the m-th batch norm (1-based) after the k-th Linear: {@code n1} for {@code bn1} in
   * Linear → BatchNorm → ReLU, then {@code n1_2}; k = 0 for a batch norm of the input ({@code n0}).
   */
  static String normalized(int k, int m) {
    return "n" + k + (m == 1 ? "" : "_" + m);
  }

  /** The batch means the batch norm writing {@code n1} keeps for backward: {@code mean1}. */
  static String batchMean(String normalized) {
    return "mean" + normalized.substring(1);
  }

  /** The batch's {@code 1/√(σ² + ε)} the batch norm writing {@code n1} keeps for backward: {@code invStd1}. */
  static String batchInvStd(String normalized) {
    return "invStd" + normalized.substring(1);
  }

  /** Constant holding the offset of the batch norm writing {@code n1}'s γ (then β) in params and grads: {@code G1}. */
  static String gammaOffset(String normalized) {
    return "G" + normalized.substring(1);
  }

  /** Constant holding the offset of its running mean (then variance) in the running statistics: {@code S1}. */
  static String statisticsOffset(String normalized) {
    return "S" + normalized.substring(1);
  }

  /** Its scale and shift, for comments: {@code γ1}, {@code β1}. */
  static String gamma(String normalized) {
    return "γ" + normalized.substring(1);
  }

  static String beta(String normalized) {
    return "β" + normalized.substring(1);
  }

  /** Weight of the k-th Linear, for comments: {@code w2}. */
  static String weight(int k) {
    return "w" + k;
  }

  /** Bias of the k-th Linear, for comments: {@code b2}. */
  static String bias(int k) {
    return "b" + k;
  }

  /** Constant holding the offset of the k-th Linear's weight in params and grads: {@code W2}. */
  static String weightOffset(int k) {
    return "W" + k;
  }

  /** Constant holding the offset of the k-th Linear's bias in params and grads: {@code B2}. */
  static String biasOffset(int k) {
    return "B" + k;
  }

  /** Gradient of the loss with respect to {@code value}: {@code d_l2}, {@code d_w2}. */
  static String gradient(String value) {
    return "d_" + value;
  }

  /** The families of names above that become fields of the generated class, each with what it is for. */
  private enum Family {
    LINEAR_OUTPUT("l[0-9]+", "the output of a Linear layer"),
    ACTIVATION_OUTPUT("a[0-9]+(_[0-9]+)?", "the output of an activation layer"),
    OFFSET("[WB][0-9]+", "the offset of a Linear layer's weight or bias"),
    NORMALIZED("n[0-9]+(_[0-9]+)?", "the output of a batch norm layer"),
    BATCH_STATISTICS("(mean|invStd)[0-9]+(_[0-9]+)?", "the batch statistics of a batch norm layer"),
    BATCH_NORM_OFFSET("[GS][0-9]+(_[0-9]+)?", "the offset of a batch norm layer's parameters or running statistics"),
    GRADIENT("d_.*", "a gradient buffer"),
    LOG_PROBABILITIES("logp", "the log-probabilities of cross-entropy"),
    MASK("mask[0-9]+(_[0-9]+)?", "the mask of a dropout layer");

    final Pattern pattern;
    final String meaning;

    Family(String pattern, String meaning) {
      this.pattern = Pattern.compile(pattern);
      this.meaning = meaning;
    }
  }

  /**
   * What the generated class may declare a field named {@code name} for, as one of the families above; null
   * if no family has the name. (The fixed fields are {@link Members#field}'s.)
   */
  static String familyOf(String name) {
    for (Family family : Family.values()) {
      if (family.pattern.matcher(name).matches()) {
        return family.meaning;
      }
    }
    return null;
  }
}
