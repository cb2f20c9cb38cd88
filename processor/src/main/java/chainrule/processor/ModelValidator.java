package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import chainrule.processor.ModelDeclaration.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Second stage: checks a {@link ModelDeclaration} and reports every problem it finds, then builds the
 * {@link NetworkModel} if there were none. It never stops at the first error: a user fixes them all in
 * one compile.
 */
final class ModelValidator {
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
    boolean sizesKnown = true;
    for (FieldDeclaration field : fields) {
      if (field.kind() == null) {
        diagnostics.report(
            Message.NOT_A_LAYER, field.field(), field.layer(), field.name(), field.typeName(), LayerKind.names());
        sizesKnown = false;
      } else if (field.kind() == LayerKind.LINEAR) {
        sizesKnown &= checkSize(field, field.in()) & checkSize(field, field.out());
      }
    }
    if (fields.stream().noneMatch(f -> f.kind() == LayerKind.LINEAR)) {
      if (diagnostics.errorCount() == errorsBefore) {
        diagnostics.report(Message.NO_LINEAR, model.type(), model.network(), model.modelClass());
      }
      return Optional.empty();
    }
    List<LayerModel> layers = sizesKnown ? chain(fields) : null;
    checkLoss(model);
    if (diagnostics.errorCount() != errorsBefore || layers == null) {
      return Optional.empty();
    }
    return Optional.of(new NetworkModel(
        model.packageName(), model.modelClass(), model.netName(), model.loss(), layers, model.type()));
  }

  /** Reports a missing or non-positive size of a Linear; true if the size is usable. */
  private boolean checkSize(FieldDeclaration field, Size size) {
    if (!size.given()) {
      diagnostics.report(Message.LINEAR_SIZE_MISSING, field.field(), field.layer(), field.name(), size.element());
      return false;
    }
    if (size.value() <= 0) {
      diagnostics.report(Message.LINEAR_SIZE_NOT_POSITIVE, field.field(), field.layer(), size.source(),
          field.name(), size.element(), size.value());
      return false;
    }
    return true;
  }

  /**
   * Sizes every layer and reports each Linear whose {@code in} differs from the width before it. An
   * activation keeps the width; activations before the first Linear take that Linear's {@code in}.
   * Returns null if any Linear does not chain.
   */
  private List<LayerModel> chain(List<FieldDeclaration> fields) {
    int width = fields.stream().filter(f -> f.kind() == LayerKind.LINEAR).findFirst().orElseThrow().in().value();
    String givenBy = null; // describes what produced `width`, for messages
    String lastLinear = null;
    boolean chains = true;
    List<LayerModel> layers = new ArrayList<>();
    for (FieldDeclaration field : fields) {
      if (field.kind() == LayerKind.LINEAR) {
        int in = field.in().value();
        int out = field.out().value();
        if (givenBy != null && in != width) {
          diagnostics.report(Message.LAYER_SHAPE_MISMATCH, field.field(), field.layer(), field.in().source(),
              field.name(), in, givenBy, width, width, out);
          chains = false;
        }
        layers.add(new LayerModel(field.name(), field.kind(), width, out));
        width = out;
        givenBy = lastLinear = field.name();
      } else {
        layers.add(new LayerModel(field.name(), field.kind(), width, width));
        givenBy = lastLinear == null ? null : field.name() + " after " + lastLinear;
      }
    }
    return chains ? layers : null;
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
