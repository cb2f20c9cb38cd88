package chainrule.processor;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.ClassDeclaration;
import chainrule.processor.ModelDeclaration.ConstructorDeclaration;
import chainrule.processor.ModelDeclaration.ElementValue;
import chainrule.processor.ModelDeclaration.ExistingNet;
import chainrule.processor.ModelDeclaration.FieldDeclaration;
import chainrule.processor.ModelDeclaration.MethodDeclaration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Builds {@link ModelDeclaration}s by hand, as {@link ModelReader} would read them, for the validators' tests:
 * no compiler involved. Sites are numbered by position: the class is 0, the n-th member n.
 */
final class Declarations {
  private Declarations() {}

  /** The supertypes javac reports for the types the tests use. */
  static final Map<String, Set<String>> SUPERTYPES = Map.of(
      "demo.Xor", Set.of("java.lang.Object"),
      "chainrule.Trainable", Set.of("java.lang.Object"),
      "float[]", Set.of("java.lang.Object", "java.lang.Cloneable", "java.io.Serializable"),
      "java.lang.String", Set.of("java.lang.Object", "java.io.Serializable", "java.lang.Comparable",
          "java.lang.CharSequence", "java.lang.constant.Constable", "java.lang.constant.ConstantDesc"),
      "java.io.IOException", Set.of("java.lang.Exception", "java.lang.Throwable", "java.lang.Object",
          "java.io.Serializable"));

  /** {@code @Network abstract class demo.Xor} with these members, {@code loss}, and nothing else of note. */
  static ModelDeclaration model(Loss loss, List<FieldDeclaration> fields, List<MethodDeclaration> methods) {
    return new ModelDeclaration(classDeclaration(ElementKind.CLASS), loss, fields, methods, SUPERTYPES, List.of(),
        null);
  }

  static ModelDeclaration model(Loss loss, FieldDeclaration... fields) {
    return model(loss, List.of(fields), List.of());
  }

  static ClassDeclaration classDeclaration(ElementKind kind) {
    return new ClassDeclaration(Site.at(0), Site.at(0), kind, "demo", "Xor", Set.of(Modifier.ABSTRACT), null, null,
        List.of(), List.of(new ConstructorDeclaration(Site.at(0), "Xor()", true, false, true, List.of())), List.of(),
        Set.of(), Set.of(), ExistingNet.NONE);
  }

  static ModelDeclaration withClass(ModelDeclaration model, ClassDeclaration type) {
    return new ModelDeclaration(type, model.loss(), model.fields(), model.methods(), model.supertypes(),
        model.lintWarnings(), null);
  }

  /** {@code @Layer(in = in, out = out) Linear name;} at {@code position}. */
  static FieldDeclaration linear(int position, String name, int in, int out) {
    return field(position, name, LayerType.LINEAR, Map.of(LayerElement.IN, in, LayerElement.OUT, out));
  }

  /** {@code @Layer Type name;} at {@code position}. */
  static FieldDeclaration layer(int position, String name, LayerType type) {
    return field(position, name, type, Map.of());
  }

  /** A {@code @Layer} field of {@code type} with the elements {@code written}, the others at their defaults. */
  static FieldDeclaration field(int position, String name, LayerType type, Map<LayerElement, Object> written) {
    Site site = Site.at(position);
    Map<LayerElement, ElementValue> values = new EnumMap<>(LayerElement.class);
    for (LayerElement element : LayerElement.values()) {
      Object value = written.containsKey(element) ? written.get(element) : defaultOf(element);
      values.put(element, new ElementValue(value, written.containsKey(element), String.valueOf(value), site));
    }
    return new FieldDeclaration(site, name, type, type == null ? "int" : "chainrule." + type.simpleName, true,
        Set.of(), values);
  }

  /** The annotation's default, as javac reads it from {@code chainrule.Layer}. */
  private static Object defaultOf(LayerElement element) {
    try {
      return chainrule.Layer.class.getMethod(element.name).getDefaultValue();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A method of the model at {@code position}, declared by the model, with the given erased types.
   *
   * @param modifiers e.g. {@code Set.of(Modifier.ABSTRACT)}
   */
  static MethodDeclaration method(int position, Set<Modifier> modifiers, String returnType, String name,
      List<String> parameterTypes, List<String> thrownTypes) {
    return new MethodDeclaration(Site.at(position), "Xor." + name + "(" + String.join(", ", parameterTypes) + ")",
        name, parameterTypes, parameterTypes, returnType, modifiers, thrownTypes, true, false, false);
  }

  /** {@code java.lang.Object}'s own, as every class inherits them. */
  static MethodDeclaration objectToString() {
    return new MethodDeclaration(Site.at(0), "Object.toString()", "toString", List.of(), List.of(),
        "java.lang.String", Set.of(Modifier.PUBLIC), List.of(), true, false, true);
  }

  /** The messages' tags, in order. */
  static List<String> tags(List<Report> reports) {
    List<String> tags = new ArrayList<>();
    for (Report report : reports) {
      tags.add(report.message().tag);
    }
    return tags;
  }
}
