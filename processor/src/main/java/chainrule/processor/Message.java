package chainrule.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports. Each starts with a stable {@code [Tag]} that tests and users can
 * search for, states the rule, shows the values involved, and says how to fix it. Warnings (legal, but
 * probably not what was meant) can be silenced with {@code @SuppressWarnings("chainrule")} on the field or
 * the class. The README's "When the compiler says no" lists every tag with an example; a test checks that it does.
 */
enum Message {
  // --- the @Network class, as the superclass of the generated class ---------------------------------
  NETWORK_NOT_A_CLASS(
      "NetworkNotAClass",
      "@Network marks a class that chainrule extends, but %s is %s; declare it as `abstract class %s { … }`"),
  MODEL_FINAL(
      "ModelFinal",
      "@Network class %s is %s, so the generated %s cannot extend it; %s"),
  MODEL_PRIVATE(
      "ModelPrivate",
      "@Network class %s is %s, so the generated %s in the same package cannot extend it; remove `private` from %s"),
  MODEL_INNER_CLASS(
      "ModelInnerClass",
      "@Network class %s is an inner (non-static) class, so the generated %s could only be created inside an "
          + "instance of %s; declare it `static abstract class %s`"),
  GENERIC_MODEL(
      "GenericModel",
      "@Network class %s has type parameters %s, but chainrule does not generate generic networks; remove them "
          + "(the model may still extend a generic class with its type arguments given)"),
  NO_USABLE_CONSTRUCTOR(
      "NoUsableConstructor",
      "the generated %s must call a no-argument constructor of %s, but %s; %s"),
  ABSTRACT_METHOD(
      "AbstractMethod",
      "the generated %s would not implement abstract method %s; %s"),
  GENERATED_METHOD_CLASH(
      "GeneratedMethodClash",
      "%s clashes with `%s` in the generated %s: %s; %s"),
  NET_NAME_CLASH(
      "NetNameClash",
      "chainrule would generate %s for @Network class %s, but %s; rename one of them"),
  MEMBER_HIDES_PACKAGE(
      "MemberHidesPackage",
      "%s has a member named %s, which would hide package %s inside the generated %s: it names runtime types "
          + "such as %s in full when a member of yours takes their simple name; rename the member"),
  INHERITED_LAYER(
      "InheritedLayer",
      "%s extends %s, whose @Layer fields (%s) chainrule does not read: a network's layers are the @Layer fields "
          + "declared in the @Network class itself; move them into %s"),

  // --- @Layer fields -------------------------------------------------------------------------------
  LAYER_OUTSIDE_NETWORK(
      "LayerOutsideNetwork",
      "@Layer field %s is in %s, which is not annotated @Network, so no network reads it; %s"),
  LAYER_FIELD_MODIFIER(
      "LayerFieldModifier",
      "@Layer field %s is %s, so the generated %s cannot set it for each network it creates; remove `%s`"),
  LAYER_NAME_CLASH(
      "LayerNameClash",
      "@Layer field %s has a name the generated %s uses for %s, which would hide the layer; rename it, e.g. %s"),
  NOT_A_LAYER(
      "NotALayer",
      "@Layer field %s has type %s, which %s; %s"),
  LINEAR_SIZE_MISSING(
      "LinearSizeMissing",
      "Linear layer %s needs both sizes, and %s missing; write @Layer(in = %s, out = %s)"),
  LINEAR_SIZE_NOT_POSITIVE(
      "LinearSizeNotPositive",
      "Linear layer %s has %s = %d, but a layer needs at least one %s; write @Layer(in = %s, out = %s)"),
  ACTIVATION_SIZES(
      "ActivationSizes",
      "%s layer %s takes no sizes (%s keeps the width of the layer before it), but has %s; %s"),
  LAYER_ELEMENT_NOT_TAKEN(
      "LayerElementNotTaken",
      "%s layer %s does not take %s, which only %s takes; remove it, or make the field a %s"),
  LAYER_VALUE_OUT_OF_RANGE(
      "LayerValueOutOfRange",
      "%s layer %s has %s = %s, but it must be %s; remove it for the default, or write a value that is"),
  TOO_MANY_PARAMETERS(
      "TooManyParameters",
      "%s, but a network keeps all its parameters in one Java array, which holds at most %d "
          + "(Integer.MAX_VALUE - 8); %s"),
  LAYER_SHAPE_MISMATCH(
      "LayerShapeMismatch",
      "%s takes %d inputs but %s gives %d; use @Layer(in = %d, out = %s)"),

  // --- the network as a whole ----------------------------------------------------------------------
  NO_LAYERS(
      "NoLayers",
      "@Network class %s declares no @Layer fields; add at least one, e.g. @Layer(in = 2, out = 1) Linear linear1;"),
  NO_LINEAR(
      "NoLinearLayer",
      "@Network class %s has no Linear layer, so it has nothing to train; "
          + "add e.g. @Layer(in = …, out = …) Linear linear1;"),
  NETWORK_TOO_LARGE(
      "NetworkTooLarge",
      "@Network class %s is too large for one generated class: %s; %s"),
  BCE_NEEDS_SIGMOID(
      "BceNeedsSigmoid",
      "@Network class %s uses Loss.BCE, which needs probabilities, but its last layer %s is %s; "
          + "end with @Layer Sigmoid, or use @Network(loss = Loss.MSE)"),
  CROSS_ENTROPY_AFTER_SQUASHING(
      "CrossEntropyAfterSquashing",
      "@Network class %s uses Loss.CROSS_ENTROPY, which takes raw scores (logits) and applies softmax itself, but "
          + "its %s %s is %s, which squashes them into %s first; remove it, so the network ends in the "
          + "Linear that gives one score per class"),
  CROSS_ENTROPY_NEEDS_CLASSES(
      "CrossEntropyNeedsClasses",
      "@Network class %s uses Loss.CROSS_ENTROPY, which picks one of at least 2 classes, but its last Linear %s "
          + "has out = %d; write @Layer(in = %s, out = <number of classes>), or for one yes/no output end with "
          + "@Layer Sigmoid and use Loss.BCE"),

  // --- warnings: legal, but probably not what was meant --------------------------------------------
  LEADING_ACTIVATION(
      "LeadingActivation",
      "the network starts with activation %s, which only squashes the raw input; a network usually starts with "
          + "a Linear (@SuppressWarnings(\"chainrule\") silences this)",
      Diagnostic.Kind.WARNING),
  CONSECUTIVE_ACTIVATIONS(
      "ConsecutiveActivations",
      "%s follows activation %s directly; two activations in a row are legal but rarely meant: did you forget a "
          + "Linear between them? (@SuppressWarnings(\"chainrule\") silences this)",
      Diagnostic.Kind.WARNING),
  CONSECUTIVE_LINEARS(
      "ConsecutiveLinears",
      "%s follows Linear %s with no activation between; two Linear maps in a row compose into one Linear%s, "
          + "so the second adds parameters but no power: put an activation such as @Layer Sigmoid between them "
          + "(@SuppressWarnings(\"chainrule\") silences this)",
      Diagnostic.Kind.WARNING),

  // --- the processor itself ------------------------------------------------------------------------
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
