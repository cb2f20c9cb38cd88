package chainrule.processor;

import chainrule.Loss;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A {@code @Network} class as written, before validation: everything the validator checks and the
 * elements and annotation values to report on.
 *
 * @param packageName the model's package, {@code ""} for the default package
 * @param modelClass the model's name within its package, {@code Outer.Inner} for a nested class
 * @param netName the simple name of the class to generate
 */
record ModelDeclaration(
    TypeElement type,
    AnnotationMirror network,
    String packageName,
    String modelClass,
    String netName,
    Loss loss,
    List<FieldDeclaration> fields) {
  ModelDeclaration {
    fields = List.copyOf(fields);
  }

  /**
   * One {@code @Layer} field as written.
   *
   * @param kind the layer type, or null if the field's type is not one
   * @param typeName the field's type as written, for messages
   * @param in the {@code in} value, null if not given
   * @param out the {@code out} value, null if not given
   */
  record FieldDeclaration(
      VariableElement field,
      AnnotationMirror layer,
      LayerKind kind,
      String typeName,
      Size in,
      Size out) {
    String name() {
      return field.getSimpleName().toString();
    }
  }

  /** An {@code int} annotation element: its value when given explicitly, and where it was given. */
  record Size(String element, Integer value, AnnotationValue source) {
    boolean given() {
      return value != null;
    }
  }
}
