package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import chainrule.processor.ModelDeclaration.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** First stage: turns an annotated class into a {@link ModelDeclaration}. Reads; reports nothing. */
final class ModelReader {
  static final String NETWORK = "chainrule.Network";
  static final String LAYER = "chainrule.Layer";

  private final Elements elements;

  ModelReader(Elements elements) {
    this.elements = elements;
  }

  ModelDeclaration read(TypeElement type) {
    AnnotationMirror network = annotation(type, NETWORK);
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String qualified = type.getQualifiedName().toString();
    String modelClass = packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
    String netName = modelClass.replace('.', '_') + "Net";
    List<FieldDeclaration> fields = new ArrayList<>();
    // Declaration order: javac keeps it, and it is the order of the layers.
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      AnnotationMirror layer = annotation(field, LAYER);
      if (layer != null) {
        fields.add(readField(field, layer));
      }
    }
    return new ModelDeclaration(type, network, packageName, modelClass, netName, loss(network), fields);
  }

  private FieldDeclaration readField(VariableElement field, AnnotationMirror layer) {
    TypeMirror type = field.asType();
    LayerKind kind = null;
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement typeElement = (TypeElement) ((DeclaredType) type).asElement();
      kind = LayerKind.forQualifiedName(typeElement.getQualifiedName().toString());
    }
    return new FieldDeclaration(field, layer, kind, type.toString(), size(layer, "in"), size(layer, "out"));
  }

  private static Loss loss(AnnotationMirror network) {
    AnnotationValue value = explicitValue(network, "loss");
    if (value == null) {
      return Loss.BCE;
    }
    // An enum constant's value is its VariableElement.
    return Loss.valueOf(((VariableElement) value.getValue()).getSimpleName().toString());
  }

  private static Size size(AnnotationMirror layer, String name) {
    AnnotationValue value = explicitValue(layer, name);
    if (value == null || !(value.getValue() instanceof Integer)) {
      return new Size(name, null, value);
    }
    return new Size(name, (Integer) value.getValue(), value);
  }

  /** The value written for {@code name}, or null if the annotation uses the default. */
  private static AnnotationValue explicitValue(AnnotationMirror annotation, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static AnnotationMirror annotation(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }
}
