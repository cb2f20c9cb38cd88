package chainrule.processor;

import chainrule.Loss;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A {@code @Network} class as written, before validation: everything the validators check and the
 * elements and annotation values to report on.
 *
 * @param packageName the model's package, {@code ""} for the default package
 * @param modelClass the model's name within its package, {@code Outer.Inner} for a nested class
 * @param netName the simple name of the class to generate
 * @param loss the loss, or null if javac rejected the value written (javac reports that itself)
 * @param memberNames simple names of the model's fields and member types, inherited ones too: inside the
 *     generated subclass they hide types of the same name
 * @param lintWarnings the javac lint categories that extending the model raises in the generated class:
 *     {@code deprecation} and {@code removal} for a deprecated model, {@code serial} for a serializable one
 */
record ModelDeclaration(
    TypeElement type,
    AnnotationMirror network,
    String packageName,
    String modelClass,
    String netName,
    Loss loss,
    List<FieldDeclaration> fields,
    Set<String> memberNames,
    List<String> lintWarnings) {
  ModelDeclaration {
    fields = List.copyOf(fields);
    memberNames = Set.copyOf(memberNames);
    lintWarnings = List.copyOf(lintWarnings);
  }

  /**
   * One {@code @Layer} field as written.
   *
   * @param kind the layer type, or null if the field's type is not one
   * @param typeName the field's type as written, for messages
   * @param typeResolved false if javac could not find the field's type (a missing import, a typo)
   * @param modifiers the field's modifiers
   * @param in the {@code in} element
   * @param out the {@code out} element
   */
  record FieldDeclaration(
      VariableElement field,
      AnnotationMirror layer,
      LayerKind kind,
      String typeName,
      boolean typeResolved,
      Set<Modifier> modifiers,
      Size in,
      Size out) {
    FieldDeclaration {
      modifiers = Set.copyOf(modifiers);
    }

    String name() {
      return field.getSimpleName().toString();
    }
  }

  /**
   * An {@code int} annotation element as written.
   *
   * @param element the element's name, {@code in} or {@code out}
   * @param value the value, or null if not written or not an int constant
   * @param source where it was written, or null if not written (the annotation's default applies)
   */
  record Size(String element, Integer value, AnnotationValue source) {
    boolean written() {
      return source != null;
    }

    /** Written, but not an int constant: javac rejects it and reports that itself. */
    boolean rejected() {
      return source != null && value == null;
    }
  }
}
