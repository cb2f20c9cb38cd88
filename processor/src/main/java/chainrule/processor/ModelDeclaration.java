package chainrule.processor;

import chainrule.Loss;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Network} class as written, before validation: every fact the validators check, read once from
 * javac's model by {@link ModelReader}, and the {@link Site}s to report on. Types are named by their erased
 * canonical names ({@code float[]}, {@code java.nio.file.Path}).
 *
 * @param type the class itself
 * @param loss the loss, or null if javac rejected the value written (javac reports that itself)
 * @param fields the {@code @Layer} fields, in declaration order
 * @param methods the methods the generated subclass inherits (own and inherited, not private, visible from its package)
 * @param supertypes for the model and each type {@link Members} names, all its supertypes (erased)
 * @param lintWarnings the javac lint categories that extending the model raises in the generated class:
 *     {@code deprecation} and {@code removal} for a deprecated model, {@code serial} for a serializable one
 * @param origin the model's element, for the writer's {@code addOriginatingElement}; null in tests
 */
record ModelDeclaration(
    ClassDeclaration type,
    Loss loss,
    List<FieldDeclaration> fields,
    List<MethodDeclaration> methods,
    Map<String, Set<String>> supertypes,
    List<String> lintWarnings,
    TypeElement origin) {
  ModelDeclaration {
    fields = List.copyOf(fields);
    methods = List.copyOf(methods);
    supertypes = Map.copyOf(supertypes);
    lintWarnings = List.copyOf(lintWarnings);
  }

  /** Whether a value of type {@code sub} can be assigned to {@code sup}: the same, or one of its supertypes. */
  boolean isSubtype(String sub, String sup) {
    return sub.equals(sup) || supertypes.getOrDefault(sub, Set.of()).contains(sup);
  }

  /** The generated class's simple name. */
  String netName() {
    return Naming.netName(type.modelClass());
  }

  /**
   * The class's own facts.
   *
   * @param site the class
   * @param network the class, at its {@code @Network} annotation
   * @param modelClass the name within its package, {@code Outer.Inner} for a nested class
   * @param privateClass the class's simple name if it is private, else that of the innermost private class
   *     around it; null if none is
   * @param enclosingClass for an inner (non-static member) class, its enclosing class's simple name; else null
   * @param memberTypes simple names of its member types, inherited ones too
   * @param memberNames simple names of its fields and member types, inherited ones too, and of the types of its
   *     package named like one of java.lang: inside the generated subclass they hide types of the same name
   * @param existingNet whether a type with the generated class's name exists already
   */
  record ClassDeclaration(
      Site site,
      Site network,
      ElementKind kind,
      String packageName,
      String modelClass,
      Set<Modifier> modifiers,
      String privateClass,
      String enclosingClass,
      List<String> typeParameters,
      List<ConstructorDeclaration> constructors,
      List<InheritedLayers> inheritedLayers,
      Set<String> memberTypes,
      Set<String> memberNames,
      ExistingNet existingNet) {
    ClassDeclaration {
      modifiers = Set.copyOf(modifiers);
      typeParameters = List.copyOf(typeParameters);
      constructors = List.copyOf(constructors);
      inheritedLayers = List.copyOf(inheritedLayers);
      memberTypes = Set.copyOf(memberTypes);
      memberNames = Set.copyOf(memberNames);
    }

    String simpleName() {
      return modelClass.substring(modelClass.lastIndexOf('.') + 1);
    }

    String qualifiedName() {
      return packageName.isEmpty() ? modelClass : packageName + "." + modelClass;
    }

    /** {@code demo.XorNnNet}: the class chainrule generates for it. */
    String netQualifiedName() {
      String net = Naming.netName(modelClass);
      return packageName.isEmpty() ? net : packageName + "." + net;
    }
  }

  /** Whether a type with the generated class's name exists before chainrule writes it. */
  enum ExistingNet {
    NONE,
    /** A class extending the model: the one an earlier build generated, still on the class path. */
    EARLIER_OUTPUT,
    OTHER
  }

  /**
   * A constructor of the model.
   *
   * @param signature {@code Xor(int, java.lang.String)}, for messages
   * @param callableWithoutArguments no parameters, or only a varargs one
   * @param mandated the implicit constructor javac adds to a class that declares none
   * @param checkedExceptions the checked exceptions it declares
   */
  record ConstructorDeclaration(Site site, String signature, boolean callableWithoutArguments, boolean isPrivate,
      boolean mandated, List<String> checkedExceptions) {
    ConstructorDeclaration {
      checkedExceptions = List.copyOf(checkedExceptions);
    }
  }

  /** The {@code @Layer} fields of a superclass, which no network reads. */
  record InheritedLayers(String superclass, List<String> fields) {
    InheritedLayers {
      fields = List.copyOf(fields);
    }
  }

  /**
   * A method the generated subclass inherits, or an abstract one it should but cannot.
   *
   * @param site the method if the model declares it, else the class (the method's file may be elsewhere)
   * @param signature {@code XorNn.forward(float[], int)}, for messages
   * @param parameterTypes as a member of the model, erased: what an override must match
   * @param declaredParameterTypes the erasure of its declaration, which may differ for a generic supertype's
   * @param returnType as a member of the model, erased
   * @param thrownTypes the exceptions it declares, erased
   * @param inherited whether the generated class inherits it: false for an abstract method that is
   *     package-private in another package
   * @param implemented for an abstract method, whether another method of the model implements it
   * @param fromObject declared by {@code java.lang.Object}
   */
  record MethodDeclaration(Site site, String signature, String name, List<String> parameterTypes,
      List<String> declaredParameterTypes, String returnType, Set<Modifier> modifiers, List<String> thrownTypes,
      boolean inherited, boolean implemented, boolean fromObject) {
    MethodDeclaration {
      parameterTypes = List.copyOf(parameterTypes);
      declaredParameterTypes = List.copyOf(declaredParameterTypes);
      modifiers = Set.copyOf(modifiers);
      thrownTypes = List.copyOf(thrownTypes);
    }

    boolean isAbstract() {
      return modifiers.contains(Modifier.ABSTRACT);
    }
  }

  /**
   * One {@code @Layer} field as written.
   *
   * @param site the field, at its {@code @Layer} annotation
   * @param type the layer type, or null if the field's type is not one
   * @param typeName the field's type as written, for messages
   * @param typeResolved false if javac could not find the field's type (a missing import, a typo)
   * @param elements every element of {@code @Layer}, written or not
   */
  record FieldDeclaration(Site site, String name, LayerType type, String typeName, boolean typeResolved,
      Set<Modifier> modifiers, Map<LayerElement, ElementValue> elements) {
    FieldDeclaration {
      modifiers = Set.copyOf(modifiers);
      elements = Map.copyOf(elements);
    }

    ElementValue element(LayerElement element) {
      return elements.get(element);
    }
  }

  /**
   * A {@code @Layer} element's value.
   *
   * @param value an Integer, a Double, or an enum constant's name; the annotation's default if not written;
   *     null if javac rejected
   *     what was written (javac reports that itself)
   * @param written whether the field's annotation gives it
   * @param text the value as written, for messages
   * @param site where it was written, or the annotation if it was not
   */
  record ElementValue(Object value, boolean written, String text, Site site) {
    /** Written, but not a constant of the element's type: javac rejects it and says so. */
    boolean rejected() {
      return written && value == null;
    }
  }
}
