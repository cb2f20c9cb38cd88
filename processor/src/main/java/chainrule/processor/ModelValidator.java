package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import chainrule.processor.ModelDeclaration.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Second stage, for the layers: checks the {@code @Layer} fields of a {@link ModelDeclaration}, reports
 * every problem it finds, then builds the {@link NetworkModel} if there were none. It never stops at the
 * first error: a user fixes them all in one compile. ({@link ClassValidator} checks the class itself.)
 */
final class ModelValidator {
  private static final List<Modifier> UNUSABLE = List.of(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
  private static final String UNKNOWN = "…";

  private final Diagnostics diagnostics;

  ModelValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  Optional<NetworkModel> validate(ModelDeclaration model) {
    int errorsBefore = diagnostics.errorCount();
    List<FieldDeclaration> fields = model.fields();
    if (fields.isEmpty()) {
      diagnostics.report(Message.NO_LAYERS, model.type(), model.network(), model.modelClass());
      return Optional.empty();
    }
    for (FieldDeclaration field : fields) {
      checkModifiers(model, field);
      checkName(model, field);
      checkType(field);
      if (field.kind() != null && field.kind().isActivation()) {
        checkNoSizes(field);
      }
    }
    boolean hasLinear = fields.stream().anyMatch(f -> f.kind() == LayerKind.LINEAR);
    if (!hasLinear && diagnostics.errorCount() == errorsBefore) {
      diagnostics.report(Message.NO_LINEAR, model.type(), model.network(), model.modelClass());
    }
    List<LayerModel> layers = hasLinear ? chain(fields) : null;
    warnAboutOrder(fields);
    checkLoss(model);
    if (diagnostics.errorCount() != errorsBefore || layers == null || model.loss() == null) {
      return Optional.empty();
    }
    return Optional.of(new NetworkModel(model.packageName(), model.modelClass(), model.netName(), model.loss(),
        layers, model.memberNames(), model.lintWarnings(), model.type()));
  }

  /** The generated constructor assigns every layer field, once per network. */
  private void checkModifiers(ModelDeclaration model, FieldDeclaration field) {
    String unusable = UNUSABLE.stream()
        .filter(field.modifiers()::contains)
        .map(Modifier::toString)
        .collect(Collectors.joining(" "));
    if (!unusable.isEmpty()) {
      diagnostics.report(Message.LAYER_FIELD_MODIFIER, field.field(), field.layer(), field.name(), unusable,
          model.netName(), unusable);
    }
  }

  /** A field of the generated class with the same name would hide the layer from it and from users. */
  private void checkName(ModelDeclaration model, FieldDeclaration field) {
    String use = Naming.reservedFor(field.name());
    if (use != null) {
      String kind = field.kind() == null ? "layer" : field.kind().simpleName.toLowerCase(Locale.ROOT);
      long index = model.fields().stream()
          .takeWhile(f -> f != field)
          .filter(f -> f.kind() == field.kind())
          .count() + 1;
      diagnostics.report(Message.LAYER_NAME_CLASH, field.field(), field.layer(), field.name(), model.netName(), use,
          kind + index);
    }
  }

  private void checkType(FieldDeclaration field) {
    if (field.kind() != null) {
      return;
    }
    String written = field.typeName();
    String simple = written.substring(written.lastIndexOf('.') + 1);
    String problem = field.typeResolved() ? "is not a layer type" : "cannot be found";
    String fix;
    String layer = Diagnostics.closest(simple, Stream.of(LayerKind.values()).map(k -> k.simpleName).toList());
    if (layer == null) {
      fix = "use " + LayerKind.names() + " from package chainrule";
    } else if (!field.typeResolved() && layer.equals(simple)) {
      fix = "import chainrule." + layer;
    } else {
      fix = "did you mean chainrule." + layer + "?";
    }
    diagnostics.report(Message.NOT_A_LAYER, field.field(), field.layer(), field.name(), written, problem, fix);
  }

  private void checkNoSizes(FieldDeclaration field) {
    List<Size> written = Stream.of(field.in(), field.out()).filter(Size::written).toList();
    if (!written.isEmpty()) {
      String sizes = written.stream()
          .map(s -> s.element() + " = " + s.source())
          .collect(Collectors.joining(", "));
      diagnostics.report(Message.ACTIVATION_SIZES, field.field(), field.layer(), written.get(0).source(),
          field.kind().simpleName, field.name(), sizes);
    }
  }

  /**
   * Walks the layers with the width each one receives, reports each Linear whose sizes are missing, not
   * positive, or do not match the width before it, and sizes every layer. An activation keeps the width;
   * activations before the first Linear take that Linear's {@code in}. Returns null if any layer could not
   * be sized.
   */
  private List<LayerModel> chain(List<FieldDeclaration> fields) {
    FieldDeclaration first = fields.stream().filter(f -> f.kind() == LayerKind.LINEAR).findFirst().orElseThrow();
    Integer width = usable(first.in()); // null while unknown
    String givenBy = null; // what produced `width`, for messages; null before the first Linear
    String lastLinear = null;
    boolean complete = true;
    List<LayerModel> layers = new ArrayList<>();
    for (FieldDeclaration field : fields) {
      if (field.kind() == null) {
        complete = false;
        width = null;
      } else if (field.kind() == LayerKind.LINEAR) {
        Integer in = usable(field.in());
        Integer out = usable(field.out());
        Object inFix = width != null ? width : in != null ? in : UNKNOWN;
        Object outFix = out != null ? out : UNKNOWN;
        checkSizes(field, inFix, outFix);
        if (in != null && width != null && givenBy != null && !in.equals(width)) {
          diagnostics.report(Message.LAYER_SHAPE_MISMATCH, field.field(), field.layer(), field.in().source(),
              field.name(), in, givenBy, width, width, outFix);
          complete = false;
        }
        if (in != null && out != null) {
          layers.add(new LayerModel(field.name(), field.kind(), in, out));
        } else {
          complete = false;
        }
        width = out;
        givenBy = lastLinear = field.name();
      } else {
        if (width != null) {
          layers.add(new LayerModel(field.name(), field.kind(), width, width));
        } else {
          complete = false;
        }
        givenBy = lastLinear == null ? null : field.name() + " after " + lastLinear;
      }
    }
    return complete ? layers : null;
  }

  /** Reports missing and non-positive sizes of a Linear, suggesting {@code @Layer(in = inFix, out = outFix)}. */
  private void checkSizes(FieldDeclaration field, Object inFix, Object outFix) {
    List<String> missing = Stream.of(field.in(), field.out()).filter(s -> !s.written()).map(Size::element).toList();
    if (!missing.isEmpty()) {
      String which = missing.size() == 2 ? "in and out are" : missing.get(0) + " is";
      diagnostics.report(Message.LINEAR_SIZE_MISSING, field.field(), field.layer(), field.name(), which, inFix,
          outFix);
    }
    for (Size size : List.of(field.in(), field.out())) {
      if (size.value() != null && size.value() <= 0) {
        diagnostics.report(Message.LINEAR_SIZE_NOT_POSITIVE, field.field(), field.layer(), size.source(),
            field.name(), size.element(), size.value(), size.element().equals("in") ? "input" : "output", inFix,
            outFix);
      }
    }
  }

  /** The size if it is written and at least 1; null if it is missing, not positive, or rejected by javac. */
  private static Integer usable(Size size) {
    return size.value() != null && size.value() > 0 ? size.value() : null;
  }

  /** Warnings for orders that are legal but probably not what was meant. */
  private void warnAboutOrder(List<FieldDeclaration> fields) {
    FieldDeclaration first = fields.get(0);
    if (first.kind() != null && first.kind().isActivation()) {
      diagnostics.report(Message.LEADING_ACTIVATION, first.field(), first.layer(), first.name());
    }
    for (int i = 1; i < fields.size(); i++) {
      FieldDeclaration before = fields.get(i - 1);
      FieldDeclaration field = fields.get(i);
      if (before.kind() == null || field.kind() == null) {
        continue;
      }
      if (before.kind().isActivation() && field.kind().isActivation()) {
        diagnostics.report(Message.CONSECUTIVE_ACTIVATIONS, field.field(), field.layer(), field.name(),
            before.name());
      } else if (before.kind() == LayerKind.LINEAR && field.kind() == LayerKind.LINEAR) {
        Integer in = usable(before.in());
        Integer out = usable(field.out());
        String composed = in != null && out != null ? " (" + in + " -> " + out + ")" : "";
        diagnostics.report(Message.CONSECUTIVE_LINEARS, field.field(), field.layer(), field.name(), before.name(),
            composed);
      }
    }
  }

  private void checkLoss(ModelDeclaration model) {
    if (model.loss() != Loss.BCE) {
      return;
    }
    FieldDeclaration last = model.fields().get(model.fields().size() - 1);
    if (last.kind() != null && last.kind() != LayerKind.SIGMOID) {
      diagnostics.report(Message.BCE_NEEDS_SIGMOID, last.field(), last.layer(), model.modelClass(), last.name(),
          last.kind().simpleName);
    }
  }
}
