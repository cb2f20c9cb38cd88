package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.ClassDeclaration;
import chainrule.processor.ModelDeclaration.ElementValue;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import java.util.ArrayList;
import java.util.EnumMap;
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
import javax.lang.model.util.Types;

/**
 * First stage: reads an annotated class into a {@link ModelDeclaration}, the only stage that looks at
 * javac's model. Reads; judges and reports nothing. The class's own facts are {@link ClassReader}'s, its
 * methods and constructors {@link MethodReader}'s.
 */
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
    Sites sites = new Sites(type);
    ClassReader classes = new ClassReader(elements, types);
    AnnotationMirror network = annotation(type, NETWORK);
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String qualified = type.getQualifiedName().toString();
    String modelClass = packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
    List<FieldDeclaration> fields = new ArrayList<>();
    // Declaration order: javac keeps it, and it is the order of the layers.
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      AnnotationMirror layer = annotation(field, LAYER);
      if (layer != null) {
        fields.add(readField(field, layer, sites));
      }
    }
    MethodReader methods = new MethodReader(elements, types, type, sites);
    ClassDeclaration declaration = classes.read(type, sites.of(type, null), sites.of(type, network), packageName,
        modelClass, methods.constructors());
    return new ModelDeclaration(declaration, loss(network), fields, methods.methods(), methods.supertypes(),
        classes.lintWarnings(type), type);
  }

  private FieldDeclaration readField(VariableElement field, AnnotationMirror layer, Sites sites) {
    TypeMirror type = field.asType();
    LayerType layerType = null;
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement typeElement = (TypeElement) ((DeclaredType) type).asElement();
      layerType = LayerType.forQualifiedName(typeElement.getQualifiedName().toString());
    }
    Site site = sites.of(field, layer);
    Map<? extends ExecutableElement, ? extends AnnotationValue> written = layer.getElementValues();
    Map<LayerElement, ElementValue> values = new EnumMap<>(LayerElement.class);
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(layer).entrySet()) {
      String name = entry.getKey().getSimpleName().toString();
      LayerElement element = LayerElement.named(name);
      if (element == null) {
        // Only a runtime newer than this processor has elements the processor does not know.
        throw new IllegalStateException("@Layer(" + name + ") is unknown to this chainrule processor; "
            + "use the processor of the same version as chainrule-runtime");
      }
      AnnotationValue value = entry.getValue();
      boolean isWritten = written.containsKey(entry.getKey());
      // a number, or an enum constant (its VariableElement) read as its name
      Object read = value.getValue() instanceof Number n ? n
          : value.getValue() instanceof VariableElement constant ? constant.getSimpleName().toString() : null;
      values.put(element, new ElementValue(read, isWritten, text(value), isWritten ? site.on(value) : site));
    }
    for (LayerElement element : LayerElement.values()) {
      values.putIfAbsent(element, new ElementValue(null, false, "", site)); // a runtime older than this processor
    }
    return new FieldDeclaration(site, field.getSimpleName().toString(), layerType, type.toString(),
        type.getKind() != TypeKind.ERROR, field.getModifiers(), values);
  }

  /** The loss written, {@code BCE} if none is, null if what is written is not an enum constant. */
  private static Loss loss(AnnotationMirror network) {
    AnnotationValue value = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : network.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("loss")) {
        value = entry.getValue();
      }
    }
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

  /** A value as written: javac prints a NaN or an infinity as the expression {@code 0.0/0.0} or {@code 1.0/0.0}. */
  private static String text(AnnotationValue value) {
    if (value.getValue() instanceof Double d && !Double.isFinite(d)) {
      return d.toString();
    }
    if (value.getValue() instanceof Float f && !Float.isFinite(f)) {
      return f.toString();
    }
    return value.toString();
  }
}
