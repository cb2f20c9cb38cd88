package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import chainrule.processor.ModelDeclaration.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import javax.lang.model.util.Types;

/** First stage: turns an annotated class into a {@link ModelDeclaration}. Reads; reports nothing. */
final class ModelReader {
  static final String NETWORK = "chainrule.Network";
  static final String LAYER = "chainrule.Layer";

  private final Elements elements;
  private final Types types;

  ModelReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
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
    Set<String> memberNames = new LinkedHashSet<>();
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind().isField() || member.getKind().isClass() || member.getKind().isInterface()) {
        memberNames.add(member.getSimpleName().toString());
      }
    }
    return new ModelDeclaration(
        type, network, packageName, modelClass, netName, loss(network), fields, memberNames, lintWarnings(type));
  }

  /** What javac's lint says about a class that extends {@code type}, in the order javac names them. */
  private List<String> lintWarnings(TypeElement type) {
    Set<String> warnings = new LinkedHashSet<>();
    // `extends Outer.Inner` uses Outer too
    for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      if (elements.isDeprecated(e)) {
        Deprecated deprecated = e.getAnnotation(Deprecated.class);
        warnings.add(deprecated != null && deprecated.forRemoval() ? "removal" : "deprecation");
      }
    }
    TypeElement serializable = elements.getTypeElement("java.io.Serializable");
    if (types.isAssignable(types.erasure(type.asType()), serializable.asType())) {
      warnings.add("serial");
    }
    return warnings.stream().sorted().toList();
  }

  private FieldDeclaration readField(VariableElement field, AnnotationMirror layer) {
    TypeMirror type = field.asType();
    LayerKind kind = null;
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement typeElement = (TypeElement) ((DeclaredType) type).asElement();
      kind = LayerKind.forQualifiedName(typeElement.getQualifiedName().toString());
    }
    return new FieldDeclaration(field, layer, kind, type.toString(), type.getKind() != TypeKind.ERROR,
        field.getModifiers(), size(layer, "in"), size(layer, "out"));
  }

  /** The loss written, {@code BCE} if none is, null if what is written is not an enum constant. */
  private static Loss loss(AnnotationMirror network) {
    AnnotationValue value = explicitValue(network, "loss");
    if (value == null) {
      return Loss.BCE;
    }
    // An enum constant's value is its VariableElement; anything else is an error javac reports.
    if (!(value.getValue() instanceof VariableElement constant)) {
      return null;
    }
    String name = constant.getSimpleName().toString();
    for (Loss loss : Loss.values()) {
      if (loss.name().equals(name)) {
        return loss;
      }
    }
    // Only a runtime newer than this processor has losses the processor does not know.
    throw new IllegalStateException("Loss." + name + " is unknown to this chainrule processor; "
        + "use the processor of the same version as chainrule-runtime");
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
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
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
