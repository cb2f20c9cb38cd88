package chainrule.processor;

/** The layer types a {@code @Layer} field can have, by the simple name of their runtime class. */
enum LayerKind {
  LINEAR("Linear", null),
  SIGMOID("Sigmoid", "sigmoid"),
  RELU("ReLU", "relu"),
  TANH("Tanh", "tanh");

  /** The runtime class, {@code chainrule.<simpleName>}. */
  final String simpleName;
  /** Kernel prefix of an activation ({@code sigmoidForward}, {@code linearSigmoidForward}); null for Linear. */
  final String kernel;

  LayerKind(String simpleName, String kernel) {
    this.simpleName = simpleName;
    this.kernel = kernel;
  }

  boolean isActivation() {
    return this != LINEAR;
  }

  /** The kind whose runtime class is {@code chainrule.<qualifiedName>}, or null if it is not a layer type. */
  static LayerKind forQualifiedName(String qualifiedName) {
    for (LayerKind kind : values()) {
      if (qualifiedName.equals("chainrule." + kind.simpleName)) {
        return kind;
      }
    }
    return null;
  }

  /** {@code "Linear, Sigmoid, ReLU or Tanh"}, for messages. */
  static String names() {
    StringBuilder names = new StringBuilder();
    LayerKind[] kinds = values();
    for (int i = 0; i < kinds.length; i++) {
      names.append(i == 0 ? "" : i == kinds.length - 1 ? " or " : ", ").append(kinds[i].simpleName);
    }
    return names.toString();
  }
}
