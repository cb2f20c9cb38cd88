package chainrule.processor;

/**
 * Every name the generated code uses, in one place, following the lecture's slide: the k-th Linear
 * computes {@code l<k> = a<k-1>·w<k>ᵀ + b<k>}, its activation {@code a<k> = σ(l<k>)}, and the gradient of
 * a value {@code v} is {@code d_v} ({@code d_l2}, {@code d_w2}, {@code d_a1}).
 */
final class Naming {
  private Naming() {}

  /** The network's input, as on the slide. */
  static final String INPUT = "X";
  /** The targets, as on the slide. */
  static final String TARGET = "Y";

  /** Output of the k-th Linear (1-based), before any activation. */
  static String linearOutput(int k) {
    return "l" + k;
  }

  /**
   * Output of an activation applied to {@code input}: {@code a<k>} on {@code l<k>}; a further activation
   * on {@code a<k>} gives {@code a<k>_2}, {@code a<k>_3}; activations on {@code X} give {@code a0}, {@code a0_2}.
   */
  static String activationOutput(String input) {
    if (input.equals(INPUT)) {
      return "a0";
    }
    if (input.startsWith("l")) {
      return "a" + input.substring(1);
    }
    int underscore = input.indexOf('_');
    if (underscore < 0) {
      return input + "_2";
    }
    return input.substring(0, underscore + 1) + (Integer.parseInt(input.substring(underscore + 1)) + 1);
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

  /**
   * What the generated class declares a field named {@code name} for, or null if it declares none of that
   * name (then a {@code @Layer} field may have it). Covers the names above in every form they can take,
   * and the fixed fields that {@link NetWriter} declares.
   */
  static String reservedFor(String name) {
    return switch (name) {
      case "INPUTS", "OUTPUTS", "PARAMETER_COUNT", "ARCHITECTURE" -> "a constant";
      case "params" -> "the parameter array";
      case "grads" -> "the gradient array";
      case "capacity" -> "the buffer capacity";
      case "workers" -> "the threads of the matrix products";
      default -> name.matches("l[0-9]+") ? "the output of a Linear layer"
          : name.matches("a[0-9]+(_[0-9]+)?") ? "the output of an activation layer"
          : name.matches("[WB][0-9]+") ? "the offset of a Linear layer's weight or bias"
          : name.startsWith("d_") ? "a gradient buffer"
          : null;
    };
  }
}
