package chainrule.processor;

import chainrule.processor.ModelDeclaration.ConstructorDeclaration;
import chainrule.processor.ModelDeclaration.MethodDeclaration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads the methods and constructors of a model class, as the generated subclass sees them, and the
 * supertypes of the types whose assignability the validators need: the model's, and those {@link Members}
 * names. Part of {@link ModelReader}.
 */
final class MethodReader {
  private final Elements elements;
  private final Types types;
  private final TypeElement type;
  private final Sites sites;

  MethodReader(Elements elements, Types types, TypeElement type, Sites sites) {
    this.elements = elements;
    this.types = types;
    this.type = type;
    this.sites = sites;
  }

  /**
   * The methods the generated subclass inherits (not private, and package-private ones only from its own
   * package), and the abstract ones it cannot inherit, which nothing there can implement.
   */
  List<MethodDeclaration> methods() {
    List<ExecutableElement> all = ElementFilter.methodsIn(elements.getAllMembers(type));
    List<MethodDeclaration> methods = new ArrayList<>();
    for (ExecutableElement method : all) {
      boolean inherited = visibleToSubclass(method);
      if (!inherited) {
        continue; // private, or package-private elsewhere: not the generated class's business
      }
      ExecutableType member = memberType(method);
      boolean isAbstract = method.getModifiers().contains(Modifier.ABSTRACT);
      boolean implemented = isAbstract && all.stream().anyMatch(other -> other != method
          && !other.getModifiers().contains(Modifier.ABSTRACT) && elements.overrides(other, method, type));
      Element owner = method.getEnclosingElement();
      methods.add(new MethodDeclaration(
          sites.of(owner.equals(type) ? method : type, null),
          signature(owner.getSimpleName() + "." + method.getSimpleName(), method),
          method.getSimpleName().toString(),
          erased(member.getParameterTypes()),
          erased(((ExecutableType) types.erasure(method.asType())).getParameterTypes()),
          erasedName(member.getReturnType()),
          method.getModifiers(),
          erased(method.getThrownTypes()),
          true,
          implemented,
          ((TypeElement) owner).getQualifiedName().contentEquals("java.lang.Object")));
    }
    methods.addAll(unreachableAbstractMethods());
    return methods;
  }

  /**
   * Abstract methods of superclasses that are package-private in another package than the model's: no member
   * of the model (javac does not list them), and the generated class cannot implement them unless a class
   * between does.
   */
  private List<MethodDeclaration> unreachableAbstractMethods() {
    List<MethodDeclaration> unreachable = new ArrayList<>();
    List<ExecutableElement> concrete = new ArrayList<>(); // declared below the class being looked at
    for (TypeElement t = type; t != null; t = superclass(t)) {
      for (ExecutableElement method : ElementFilter.methodsIn(t.getEnclosedElements())) {
        Set<Modifier> modifiers = method.getModifiers();
        boolean packagePrivate = !modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)
            && !modifiers.contains(Modifier.PRIVATE);
        if (t != type && modifiers.contains(Modifier.ABSTRACT) && packagePrivate
            && !elements.getPackageOf(t).equals(elements.getPackageOf(type))) {
          boolean implemented = concrete.stream()
              .anyMatch(c -> elements.overrides(c, method, (TypeElement) c.getEnclosingElement()));
          List<String> parameters = erased(((ExecutableType) types.erasure(method.asType())).getParameterTypes());
          unreachable.add(new MethodDeclaration(sites.of(type, null),
              signature(t.getSimpleName() + "." + method.getSimpleName(), method), method.getSimpleName().toString(),
              parameters, parameters, erasedName(method.getReturnType()), modifiers,
              erased(method.getThrownTypes()), false, implemented, false));
        }
      }
      ElementFilter.methodsIn(t.getEnclosedElements()).stream()
          .filter(m -> !m.getModifiers().contains(Modifier.ABSTRACT))
          .forEach(concrete::add);
    }
    return unreachable;
  }

  private static TypeElement superclass(TypeElement t) {
    TypeMirror superclass = t.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
  }

  List<ConstructorDeclaration> constructors() {
    List<ConstructorDeclaration> constructors = new ArrayList<>();
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      boolean callable = constructor.getParameters().isEmpty()
          || (constructor.isVarArgs() && constructor.getParameters().size() == 1);
      constructors.add(new ConstructorDeclaration(sites.of(constructor, null),
          signature(type.getSimpleName().toString(), constructor), callable,
          constructor.getModifiers().contains(Modifier.PRIVATE),
          elements.getOrigin(constructor) == Elements.Origin.MANDATED, checkedExceptions(constructor)));
    }
    return constructors;
  }

  /** For the model and for every class {@link Members} names, the erased names of all its supertypes. */
  Map<String, Set<String>> supertypes() {
    List<TypeMirror> named = new ArrayList<>();
    named.add(type.asType());
    Members.INTERFACES.forEach(face -> named.add(elements.getTypeElement(face.getCanonicalName()).asType()));
    Members.ALL_METHODS.stream()
        .flatMap(m -> Stream.concat(Stream.of(m.returns().type()), m.exceptions().stream()))
        .filter(c -> c != null && !c.isPrimitive())
        .distinct()
        .forEach(c -> named.add(mirror(c)));
    Map<String, Set<String>> supertypes = new HashMap<>();
    for (TypeMirror t : named) {
      supertypes.put(erasedName(t), closure(t));
    }
    return supertypes;
  }

  private TypeMirror mirror(Class<?> type) {
    if (type.isArray()) {
      return types.getArrayType(mirror(type.getComponentType()));
    }
    if (type.isPrimitive()) {
      return types.getPrimitiveType(TypeKind.valueOf(type.getName().toUpperCase(Locale.ROOT)));
    }
    return elements.getTypeElement(type.getCanonicalName()).asType();
  }

  private Set<String> closure(TypeMirror start) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<TypeMirror> pending = new ArrayDeque<>(types.directSupertypes(start));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.pop();
      if (seen.add(erasedName(next))) {
        pending.addAll(types.directSupertypes(next));
      }
    }
    return seen;
  }

  private List<String> checkedExceptions(ExecutableElement executable) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return executable.getThrownTypes().stream()
        .filter(t -> !types.isSubtype(t, runtime) && !types.isSubtype(t, error))
        .map(TypeMirror::toString)
        .toList();
  }

  private List<String> erased(List<? extends TypeMirror> mirrors) {
    return mirrors.stream().map(this::erasedName).toList();
  }

  private String erasedName(TypeMirror mirror) {
    return types.erasure(mirror).toString();
  }

  private ExecutableType memberType(ExecutableElement method) {
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return (ExecutableType) method.asType();
    }
    return (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
  }

  /** Private members are not inherited; package-private ones only within the package, where the generated class is. */
  private boolean visibleToSubclass(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    return modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)
        || elements.getPackageOf(method).equals(elements.getPackageOf(type));
  }

  /** {@code name(float[], int)}, with the parameter types as declared. */
  private static String signature(String name, ExecutableElement executable) {
    return executable.getParameters().stream()
        .map(p -> p.asType().toString())
        .collect(Collectors.joining(", ", name + "(", ")"));
  }
}
