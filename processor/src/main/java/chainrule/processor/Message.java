package chainrule.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports. Each starts with a stable {@code [Tag]} that tests and users can
 * search for, states the rule, shows the values involved, and says how to fix it.
 */
enum Message {
  LAYER_SHAPE_MISMATCH(
      "LayerShapeMismatch",
      "%s takes %d inputs but %s gives %d; use @Layer(in = %d, out = %d)"),
  LINEAR_SIZE_MISSING(
      "LinearSizeMissing",
      "Linear layer %s needs both sizes, and %s is missing; write @Layer(in = …, out = …)"),
  LINEAR_SIZE_NOT_POSITIVE(
      "LinearSizeNotPositive",
      "Linear layer %s has %s = %d; sizes must be at least 1"),
  NOT_A_LAYER(
      "NotALayer",
      "@Layer field %s has type %s, which is not a layer type; use %s from package chainrule"),
  NO_LAYERS(
      "NoLayers",
      "@Network class %s declares no @Layer fields; add at least one, e.g. @Layer(in = 2, out = 1) Linear linear1;"),
  NO_LINEAR(
      "NoLinearLayer",
      "@Network class %s has no Linear layer, so it has nothing to train; add e.g. @Layer(in = …, out = …) Linear linear1;"),
  BCE_NEEDS_SIGMOID(
      "BceNeedsSigmoid",
      "@Network class %s uses Loss.BCE, which needs probabilities, but its last layer %s is %s; "
          + "end with @Layer Sigmoid, or use @Network(loss = Loss.MSE)"),
  UNEXPECTED(
      "ProcessorError",
      "chainrule could not process %s because of an unexpected error; please report it with this trace:%n%s");

  final String tag;
  final String format;
  final Diagnostic.Kind kind;

  Message(String tag, String format) {
    this(tag, format, Diagnostic.Kind.ERROR);
  }

  Message(String tag, String format, Diagnostic.Kind kind) {
    this.tag = tag;
    this.format = format;
    this.kind = kind;
  }

  /** {@code [Tag] message with args}. */
  String render(Object... args) {
    return "[" + tag + "] " + String.format(format, args);
  }
}
