package chainrule.processor;

import chainrule.Init;
import chainrule.processor.ModelDeclaration.ElementValue;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sizes the layers of a network for {@link LayerValidator}: walks the fields with the width each one
 * receives, reports each Linear whose sizes are missing, not positive, or do not match the width before it,
 * and each layer whose parameters (or the network's up to it) no longer fit in one Java array. An activation
 * keeps the width; activations before the first Linear take that Linear's {@code in}.
 */
final class LayerSizer {
  private static final String UNKNOWN = "…";

  private final Report.Collector reports;
  /** Parameters of the layers counted so far; -1 once they no longer fit in one array. */
  private long total;

  LayerSizer(Report.Collector reports) {
    this.reports = reports;
  }

  /** The sized layers, or null if any could not be sized. */
  List<LayerModel> layers(List<FieldDeclaration> fields) {
    FieldDeclaration first = fields.stream().filter(LayerSizer::isLinear).findFirst().orElseThrow();
    Integer width = usable(first.element(LayerElement.IN)); // null while unknown
    String givenBy = null; // what produced `width`, for messages; null before the first Linear
    String lastLinear = null;
    boolean complete = true;
    List<LayerModel> layers = new ArrayList<>();
    for (FieldDeclaration field : fields) {
      LayerModel layer = null;
      if (field.type() == null) {
        complete = false;
        width = null;
      } else if (isLinear(field)) {
        ElementValue inValue = field.element(LayerElement.IN);
        Integer in = usable(inValue);
        Integer out = usable(field.element(LayerElement.OUT));
        Object inFix = width != null ? width : in != null ? in : UNKNOWN;
        Object outFix = out != null ? out : UNKNOWN;
        checkSizes(field, inFix, outFix);
        if (in != null && width != null && givenBy != null && !in.equals(width)) {
          reports.add(Message.LAYER_SHAPE_MISMATCH, inValue.site(), field.name(), in, givenBy, width, width, outFix);
          complete = false;
        }
        layer = in != null && out != null
            ? new LayerModel(field.name(), field.type(), in, out, List.of(), init(field)) : null;
        width = out;
        givenBy = lastLinear = field.name();
      } else {
        List<Double> arguments = arguments(field);
        layer = width != null && arguments != null
            ? new LayerModel(field.name(), field.type(), width, width, arguments) : null;
        givenBy = lastLinear == null ? null : field.name() + " after " + lastLinear;
      }
      if (layer == null) {
        complete = false;
        continue;
      }
      layers.add(layer);
      complete &= countParameters(field, layer);
    }
    return complete ? layers : null;
  }

  /**
   * Adds the layer's parameters to the total; reports the layer if they do not fit in one array on their
   * own, or if they take the network past it (only the first layer that does). Returns whether they fit.
   */
  private boolean countParameters(FieldDeclaration field, LayerModel layer) {
    long count = Layout.parameterCount(layer);
    String what = field.type().simpleName + " layer " + field.name();
    String terms = field.type().parameters.stream().map(layer::shape).collect(Collectors.joining(" + "));
    if (count > Layout.MAX_LENGTH) {
      reports.add(Message.TOO_MANY_PARAMETERS, field.site(), what + " has " + terms + " = " + count + " parameters",
          Layout.MAX_LENGTH, "use fewer features");
      return false;
    }
    if (total < 0) {
      return false; // already past the limit, and reported
    }
    if (total + count > Layout.MAX_LENGTH) {
      reports.add(Message.TOO_MANY_PARAMETERS, field.site(), what + " (" + terms + " = " + count
          + " parameters) brings the network to " + total + " + " + count + " = " + (total + count) + " parameters",
          Layout.MAX_LENGTH, "use fewer or smaller layers");
      total = -1;
      return false;
    }
    total += count;
    return true;
  }

  /** Reports missing and non-positive sizes of a Linear, suggesting {@code @Layer(in = inFix, out = outFix)}. */
  private void checkSizes(FieldDeclaration field, Object inFix, Object outFix) {
    List<String> missing = Stream.of(LayerElement.IN, LayerElement.OUT)
        .filter(e -> !field.element(e).written())
        .map(e -> e.name)
        .toList();
    if (!missing.isEmpty()) {
      String which = missing.size() == 2 ? "in and out are" : missing.get(0) + " is";
      reports.add(Message.LINEAR_SIZE_MISSING, field.site(), field.name(), which, inFix, outFix);
    }
    for (LayerElement element : List.of(LayerElement.IN, LayerElement.OUT)) {
      ElementValue size = field.element(element);
      if (size.written() && size.value() instanceof Integer value && value <= 0) {
        reports.add(Message.LINEAR_SIZE_NOT_POSITIVE, size.site(), field.name(), element.name, value,
            element == LayerElement.IN ? "input" : "output", inFix, outFix);
      }
    }
  }

  /** The values of an activation's arguments, or null if one is rejected or out of range (reported elsewhere). */
  private static List<Double> arguments(FieldDeclaration field) {
    List<Double> arguments = new ArrayList<>();
    for (LayerElement element : field.type().arguments()) {
      ElementValue value = field.element(element);
      if (!(value.value() instanceof Number number) || !element.accepts(number)) {
        return null;
      }
      arguments.add(number.doubleValue());
    }
    return arguments;
  }

  /** The initialiser written, {@code DEFAULT} if none is (or javac rejected what is written, and says so). */
  private static Init init(FieldDeclaration field) {
    ElementValue init = field.element(LayerElement.INIT);
    return init.value() instanceof String name && LayerElement.INIT.accepts(name) ? Init.valueOf(name) : Init.DEFAULT;
  }

  private static boolean isLinear(FieldDeclaration field) {
    return field.type() != null && field.type().isAffine();
  }

  /** The size if it is written and at least 1; null if it is missing, not positive, or rejected by javac. */
  static Integer usable(ElementValue size) {
    return size.written() && size.value() instanceof Integer value && value > 0 ? value : null;
  }
}
