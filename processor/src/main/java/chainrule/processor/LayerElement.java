package chainrule.processor;

/**
 * The elements of {@code @Layer} a layer type can take. Which type takes which is {@link LayerType}'s to
 * say; an element written on a type that does not take it is an error.
 */
enum LayerElement {
  /** Input features of a Linear; must be at least 1 and equal the width before it. */
  IN("in", "at least 1"),
  /** Output features of a Linear; at least 1. */
  OUT("out", "at least 1"),
  /** A Linear's weight initialiser, a constant of {@code chainrule.Init}; read as its name. */
  INIT("init", "a constant of chainrule.Init"),
  /**
   * LeakyReLU's slope for negative inputs, PyTorch's {@code negative_slope} (its default, 0.01, is the
   * annotation's). Used as a float, like PyTorch's float kernels. Not negative: the backward kernel tells the
   * input's sign from the output's, which a negative slope would flip.
   */
  /** Dropout's probability of zeroing a value, PyTorch's {@code p} (default 0.5); in [0, 1]. */
  P("p", "between 0 and 1"),
  NEGATIVE_SLOPE("negativeSlope", "finite and at least 0 as a float (the backward kernel tells the input's sign "
      + "from the output's, which a negative slope would flip)");

  /** The element's name in {@code @Layer}. */
  final String name;
  /** The values it accepts, for messages. */
  final String rule;

  LayerElement(String name, String rule) {
    this.name = name;
    this.rule = rule;
  }

  /** {@code in} and {@code out}: the sizes a Linear takes and an activation inherits. */
  boolean isSize() {
    return this == IN || this == OUT;
  }

  /** The values the kernels take as arguments: all but the sizes and the initialiser. */
  boolean isArgument() {
    return !isSize() && this != INIT;
  }

  /**
   * Whether {@code value} (as read from the annotation: an Integer, a Double, or an enum constant's name) is
   * one the element accepts.
   */
  boolean accepts(Object value) {
    return switch (this) {
      case IN, OUT -> value instanceof Integer size && size >= 1;
      case INIT -> value instanceof String name && java.util.stream.Stream.of(chainrule.Init.values())
          .anyMatch(i -> i.name().equals(name));
      case P -> value instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1;
      case NEGATIVE_SLOPE -> value instanceof Number number && Float.isFinite(number.floatValue())
          && number.floatValue() >= 0;
    };
  }

  /** The element called {@code name}, or null if {@code @Layer} has none of that name. */
  static LayerElement named(String name) {
    for (LayerElement element : values()) {
      if (element.name.equals(name)) {
        return element;
      }
    }
    return null;
  }
}
