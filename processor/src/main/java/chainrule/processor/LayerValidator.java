package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.ElementValue;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Second stage, for the layers: checks the {@code @Layer} fields of a {@link ModelDeclaration} against
 * their {@link LayerType}s, sizes them, lays out their parameters, and builds the {@link NetworkModel} if
 * there was no error. It never stops at the first error: a user fixes them all in one compile. (The
 * sizing and the parameter count are {@link LayerSizer}'s.)
 */
final class LayerValidator {
  private static final List<Modifier> UNUSABLE = List.of(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);

  private final Report.Collector reports;

  LayerValidator(Report.Collector reports) {
    this.reports = reports;
  }

  Optional<NetworkModel> validate(ModelDeclaration model) {
    List<FieldDeclaration> fields = model.fields();
    if (fields.isEmpty()) {
      reports.add(Message.NO_LAYERS, model.type().network(), model.type().modelClass());
      return Optional.empty();
    }
    for (FieldDeclaration field : fields) {
      checkModifiers(model, field);
      checkName(model, field);
      checkType(field);
      if (field.type() != null) {
        checkElements(field);
      }
    }
    // a Linear gives the network its widths (a batch norm alone has none), so a network needs one; a field whose
    // type is not a layer may be a misspelt Linear, so then NotALayer says enough
    boolean trainable = fields.stream().anyMatch(f -> f.type() != null && f.type().isAffine());
    if (!trainable && fields.stream().allMatch(f -> f.type() != null)) {
      reports.add(Message.NO_LINEAR, model.type().network(), model.type().modelClass());
    }
    List<LayerModel> layers = trainable ? new LayerSizer(reports).layers(fields) : null;
    checkSize(model, layers);
    warnAboutOrder(fields);
    checkLoss(model);
    if (reports.hasErrors() || layers == null || model.loss() == null) {
      return Optional.empty();
    }
    return Optional.of(new NetworkModel(model.type().packageName(), model.type().modelClass(), model.loss(), layers,
        model.type().memberNames(), model.lintWarnings(), model.origin()));
  }

  /** The generated constructor assigns every layer field, once per network. */
  private void checkModifiers(ModelDeclaration model, FieldDeclaration field) {
    String unusable = UNUSABLE.stream()
        .filter(field.modifiers()::contains)
        .map(Modifier::toString)
        .collect(Collectors.joining(" "));
    if (!unusable.isEmpty()) {
      reports.add(Message.LAYER_FIELD_MODIFIER, field.site(), field.name(), unusable, model.netName(), unusable);
    }
  }

  /** A field of the generated class with the same name would hide the layer from it and from users. */
  private void checkName(ModelDeclaration model, FieldDeclaration field) {
    Members.Field member = Members.field(field.name());
    String use = member != null ? member.meaning() : Naming.familyOf(field.name());
    if (use != null) {
      String kind = field.type() == null ? "layer" : field.type().simpleName.toLowerCase(Locale.ROOT);
      long index = model.fields().stream()
          .takeWhile(f -> f != field)
          .filter(f -> f.type() == field.type())
          .count() + 1;
      reports.add(Message.LAYER_NAME_CLASH, field.site(), field.name(), model.netName(), use, kind + index);
    }
  }

  private void checkType(FieldDeclaration field) {
    if (field.type() != null) {
      return;
    }
    String written = field.typeName();
    String simple = written.substring(written.lastIndexOf('.') + 1);
    String problem = field.typeResolved() ? "is not a layer type" : "cannot be found";
    String fix;
    String layer = Diagnostics.closest(simple, LayerType.simpleNames());
    if (layer == null) {
      fix = "use " + LayerType.names() + " from package chainrule";
    } else if (!field.typeResolved() && layer.equals(simple)) {
      fix = "import chainrule." + layer;
    } else {
      fix = "did you mean chainrule." + layer + "?";
    }
    reports.add(Message.NOT_A_LAYER, field.site(), field.name(), written, problem, fix);
  }

  /** Elements the field's type does not take, and values of those it takes that it does not accept. */
  private void checkElements(FieldDeclaration field) {
    LayerType type = field.type();
    List<LayerElement> foreign = Stream.of(LayerElement.values())
        .filter(e -> field.element(e).written() && !type.elements.contains(e))
        .toList();
    List<LayerElement> sizes = foreign.stream().filter(LayerElement::isSize).toList();
    if (!sizes.isEmpty()) {
      String written = sizes.stream()
          .map(e -> e.name + " = " + field.element(e).text())
          .collect(Collectors.joining(", "));
      List<String> kept = type.elements.stream()
          .filter(e -> field.element(e).written())
          .map(e -> e.name + " = " + field.element(e).text())
          .toList();
      String fix = kept.isEmpty() ? "write @Layer without them" : "write @Layer(" + String.join(", ", kept) + ")";
      reports.add(Message.ACTIVATION_SIZES, field.element(sizes.get(0)).site(), type.simpleName, field.name(),
          type.isActivation() ? "an activation" : "it", written, fix);
    }
    for (LayerElement element : foreign) {
      if (!element.isSize()) {
        String takers = LayerType.takers(element);
        reports.add(Message.LAYER_ELEMENT_NOT_TAKEN, field.element(element).site(), type.simpleName, field.name(),
            element.name, takers, takers);
      }
    }
    for (LayerElement element : type.arguments()) {
      ElementValue value = field.element(element);
      if (value.written() && !value.rejected() && !element.accepts(value.value())) {
        reports.add(Message.LAYER_VALUE_OUT_OF_RANGE, value.site(), type.simpleName, field.name(), element.name,
            value.text(), element.rule);
      }
    }
  }

  /** The class-file format's limits on what one generated class can hold. */
  private void checkSize(ModelDeclaration model, List<LayerModel> layers) {
    Site site = model.type().network();
    if (model.fields().size() > NetworkModel.MAX_LAYERS) {
      reports.add(Message.NETWORK_TOO_LARGE, site, model.type().modelClass(), "it has " + model.fields().size()
          + " layers, and its passes would not fit in the 64 KiB of bytecode the JVM allows a method",
          "chainrule takes at most " + NetworkModel.MAX_LAYERS);
    } else if (layers != null && model.loss() != null
        && NetworkModel.architectureBytes(layers, model.loss()) > NetworkModel.MAX_CONSTANT_BYTES) {
      reports.add(Message.NETWORK_TOO_LARGE, site, model.type().modelClass(), "its ARCHITECTURE string would take "
          + NetworkModel.architectureBytes(layers, model.loss()) + " bytes, more than the "
          + NetworkModel.MAX_CONSTANT_BYTES + " a class-file constant holds", "use shorter field names");
    }
  }

  /** Warnings for orders that are legal but probably not what was meant. */
  private void warnAboutOrder(List<FieldDeclaration> fields) {
    FieldDeclaration first = fields.get(0);
    if (first.type() != null && first.type().isActivation()) {
      reports.add(Message.LEADING_ACTIVATION, first.site(), first.name());
    }
    for (int i = 1; i < fields.size(); i++) {
      FieldDeclaration before = fields.get(i - 1);
      FieldDeclaration field = fields.get(i);
      if (before.type() == null || field.type() == null) {
        continue;
      }
      if (before.type().isActivation() && field.type().isActivation()) {
        reports.add(Message.CONSECUTIVE_ACTIVATIONS, field.site(), field.name(), before.name());
      } else if (before.type().isAffine() && field.type().isAffine()) {
        Integer in = LayerSizer.usable(before.element(LayerElement.IN));
        Integer out = LayerSizer.usable(field.element(LayerElement.OUT));
        String composed = in != null && out != null ? " (" + in + " -> " + out + ")" : "";
        reports.add(Message.CONSECUTIVE_LINEARS, field.site(), field.name(), before.name(), composed);
      }
    }
  }

  private static boolean isDropout(FieldDeclaration field) {
    return field.type() != null && field.type().role == LayerType.Role.DROPOUT;
  }

  private void checkLoss(ModelDeclaration model) {
    FieldDeclaration last = model.fields().get(model.fields().size() - 1);
    if (model.loss() == Loss.BCE && last.type() != null && !last.type().outputsProbabilities()) {
      reports.add(Message.BCE_NEEDS_SIGMOID, last.site(), model.type().modelClass(), last.name(),
          last.type().simpleName);
    }
    if (model.loss() != Loss.CROSS_ENTROPY) {
      return;
    }
    // Dropout scales what came before it and keeps its range: look through trailing Dropout layers
    FieldDeclaration output = last;
    for (int i = model.fields().size() - 1; i > 0 && isDropout(model.fields().get(i)); i--) {
      output = model.fields().get(i - 1);
    }
    if (output.type() != null && output.type().squashesInto() != null) {
      reports.add(Message.CROSS_ENTROPY_AFTER_SQUASHING, output.site(), model.type().modelClass(),
          output == last ? "last layer" : "last layer before Dropout", output.name(), output.type().simpleName,
          output.type().squashesInto());
    }
    // the classes are the outputs of the last Linear: every layer after it keeps the width
    FieldDeclaration linear = null;
    for (FieldDeclaration field : model.fields()) {
      if (field.type() != null && field.type().role == LayerType.Role.AFFINE) {
        linear = field;
      }
    }
    Integer classes = linear == null ? null : LayerSizer.usable(linear.element(LayerElement.OUT));
    if (classes != null && classes < 2) {
      ElementValue in = linear.element(LayerElement.IN);
      reports.add(Message.CROSS_ENTROPY_NEEDS_CLASSES, linear.element(LayerElement.OUT).site(),
          model.type().modelClass(), linear.name(), classes, in.written() ? in.text() : "…");
    }
  }
}
