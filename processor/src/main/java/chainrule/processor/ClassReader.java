package chainrule.processor;

import chainrule.processor.ModelDeclaration.ClassDeclaration;
import chainrule.processor.ModelDeclaration.ConstructorDeclaration;
import chainrule.processor.ModelDeclaration.ExistingNet;
import chainrule.processor.ModelDeclaration.InheritedLayers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads what the validators need to know about a model class itself: how it can be extended, what it
 * inherits, which names it takes, what extending it makes javac say. Part of {@link ModelReader}.
 */
final class ClassReader {
  private final Elements elements;
  private final Types types;

  ClassReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  ClassDeclaration read(TypeElement type, Site site, Site network, String packageName, String modelClass,
      List<ConstructorDeclaration> constructors) {
    return new ClassDeclaration(site, network, type.getKind(), packageName, modelClass, type.getModifiers(),
        privateClass(type), enclosingClass(type),
        type.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).toList(), constructors,
        inheritedLayers(type), memberNames(type, false), hidingNames(type),
        existingNet(type, packageName, modelClass));
  }

  /** The class's simple name if it is private, else that of the innermost private class around it, or null. */
  private static String privateClass(TypeElement type) {
    for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return e.getSimpleName().toString();
      }
    }
    return null;
  }

  private static String enclosingClass(TypeElement type) {
    boolean inner = type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC);
    return inner ? type.getEnclosingElement().getSimpleName().toString() : null;
  }

  /** The superclasses' {@code @Layer} fields, nearest superclass first. */
  private static List<InheritedLayers> inheritedLayers(TypeElement type) {
    List<InheritedLayers> inherited = new ArrayList<>();
    TypeMirror superclass = type.getSuperclass();
    while (superclass.getKind() == TypeKind.DECLARED) {
      TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
      List<String> layers = ElementFilter.fieldsIn(parent.getEnclosedElements()).stream()
          .filter(f -> ModelReader.annotation(f, ModelReader.LAYER) != null)
          .map(f -> f.getSimpleName().toString())
          .toList();
      if (!layers.isEmpty()) {
        inherited.add(new InheritedLayers(parent.getQualifiedName().toString(), layers));
      }
      superclass = parent.getSuperclass();
    }
    return inherited;
  }

  /** Simple names of the class's member types, with {@code andFields} of its fields too; inherited ones included. */
  private Set<String> memberNames(TypeElement type, boolean andFields) {
    Set<String> names = new LinkedHashSet<>();
    for (Element member : elements.getAllMembers(type)) {
      if (member.getKind().isClass() || member.getKind().isInterface() || (andFields && member.getKind().isField())) {
        names.add(member.getSimpleName().toString());
      }
    }
    return names;
  }

  /**
   * Names that hide a type inside the generated subclass: the model's fields and member types (inherited ones
   * too), and the types of its package named like one of java.lang, which the generated code names unqualified
   * ({@code String}, {@code System}, {@code Override}) unless told to qualify them.
   */
  private Set<String> hidingNames(TypeElement type) {
    Set<String> names = memberNames(type, true);
    for (Element sibling : elements.getPackageOf(type).getEnclosedElements()) {
      String name = sibling.getSimpleName().toString();
      if (elements.getTypeElement("java.lang." + name) != null) {
        names.add(name);
      }
    }
    return names;
  }

  private ExistingNet existingNet(TypeElement type, String packageName, String modelClass) {
    String net = Naming.netName(modelClass);
    TypeElement existing = elements.getTypeElement(packageName.isEmpty() ? net : packageName + "." + net);
    if (existing == null) {
      return ExistingNet.NONE;
    }
    boolean extendsModel = existing.getKind() == ElementKind.CLASS
        && types.isSameType(types.erasure(existing.getSuperclass()), types.erasure(type.asType()));
    return extendsModel ? ExistingNet.EARLIER_OUTPUT : ExistingNet.OTHER;
  }

  /**
   * What javac's lint says about a class that extends {@code type} and overrides its methods, in the order
   * javac names them.
   */
  List<String> lintWarnings(TypeElement type) {
    Set<String> warnings = new LinkedHashSet<>();
    // `extends Outer.Inner` uses Outer too
    for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      deprecation(e, warnings);
    }
    // a generated method overriding a deprecated one
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      List<String> parameters = method.getParameters().stream()
          .map(p -> types.erasure(p.asType()).toString())
          .toList();
      if (Members.anyMethod(method.getSimpleName().toString(), parameters) != null) {
        deprecation(method, warnings);
      }
    }
    // the generated constructor calls super() and assigns every @Layer field, of this class or its supertypes
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty() || constructor.isVarArgs()) {
        deprecation(constructor, warnings);
      }
    }
    for (VariableElement field : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
      if (ModelReader.annotation(field, ModelReader.LAYER) != null) {
        deprecation(field, warnings);
      }
    }
    TypeElement serializable = elements.getTypeElement("java.io.Serializable");
    if (types.isAssignable(types.erasure(type.asType()), serializable.asType())) {
      warnings.add("serial");
    }
    return warnings.stream().sorted().toList();
  }

  /** Adds the lint category that using {@code element} raises, if it is deprecated. */
  private void deprecation(Element element, Set<String> warnings) {
    if (elements.isDeprecated(element)) {
      Deprecated deprecated = element.getAnnotation(Deprecated.class);
      warnings.add(deprecated != null && deprecated.forRemoval() ? "removal" : "deprecation");
    }
  }
}
