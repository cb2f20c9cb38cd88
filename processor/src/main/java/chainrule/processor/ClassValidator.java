package chainrule.processor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Second stage, for the class: checks that the generated {@code <Model>Net} can extend the {@code @Network}
 * class, call its constructor and take its name, and reports every problem it finds. Its methods are
 * {@link MethodValidator}'s to check, its layers {@link ModelValidator}'s.
 */
final class ClassValidator {
  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final Map<String, String> generatedNames;

  /** {@code generatedNames} maps each class generated so far in this compilation to its model; this adds to it. */
  ClassValidator(Elements elements, Types types, Diagnostics diagnostics, Map<String, String> generatedNames) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.generatedNames = generatedNames;
  }

  /** Reports what is wrong with the class; returns false if it is no class at all, so its layers mean nothing. */
  boolean validate(ModelDeclaration model) {
    TypeElement type = model.type();
    if (type.getKind() != ElementKind.CLASS) {
      String what = switch (type.getKind()) {
        case INTERFACE -> "an interface";
        case ENUM -> "an enum";
        case ANNOTATION_TYPE -> "an annotation type";
        default -> "a " + type.getKind().toString().toLowerCase(Locale.ROOT);
      };
      diagnostics.report(Message.NETWORK_NOT_A_CLASS, type, model.network(), model.modelClass(), what,
          type.getSimpleName());
      return false;
    }
    checkExtensible(model);
    checkConstructor(model);
    new MethodValidator(elements, types, diagnostics).validate(model);
    checkInheritedLayers(model);
    checkName(model);
    return true;
  }

  private void checkExtensible(ModelDeclaration model) {
    TypeElement type = model.type();
    for (Modifier modifier : List.of(Modifier.FINAL, Modifier.SEALED)) {
      if (type.getModifiers().contains(modifier)) {
        String fix = modifier == Modifier.FINAL ? "remove `final`" : "remove `sealed` and its `permits` clause";
        diagnostics.report(Message.MODEL_FINAL, type, model.modelClass(), modifier, model.netName(), fix);
      }
    }
    for (Element e = type; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        String where = e == type ? "private" : "inside private " + e.getSimpleName();
        diagnostics.report(Message.MODEL_PRIVATE, type, model.modelClass(), where, model.netName(),
            e.getSimpleName());
        break;
      }
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.MODEL_INNER_CLASS, type, model.modelClass(), model.netName(),
          type.getEnclosingElement().getSimpleName(), type.getSimpleName());
    }
    if (!type.getTypeParameters().isEmpty()) {
      String parameters = type.getTypeParameters().stream()
          .map(Element::getSimpleName)
          .collect(Collectors.joining(", ", "<", ">"));
      diagnostics.report(Message.GENERIC_MODEL, type, model.modelClass(), parameters);
    }
  }

  /** The generated constructor calls {@code super()}: it needs a no-argument constructor it can see and call. */
  private void checkConstructor(ModelDeclaration model) {
    TypeElement type = model.type();
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    ExecutableElement noArgument = null;
    for (ExecutableElement constructor : constructors) {
      boolean callable = constructor.getParameters().isEmpty()
          || (constructor.isVarArgs() && constructor.getParameters().size() == 1);
      if (!callable) {
        continue;
      }
      List<String> checked = checkedExceptions(constructor);
      if (!constructor.getModifiers().contains(Modifier.PRIVATE) && checked.isEmpty()) {
        return;
      }
      noArgument = constructor;
    }
    String name = type.getSimpleName().toString();
    if (noArgument == null) {
      String all = constructors.stream().map(ClassValidator::signature).collect(Collectors.joining(", "));
      diagnostics.report(Message.NO_USABLE_CONSTRUCTOR, type, model.netName(), model.modelClass(),
          "its constructors all take arguments: " + all, "add one that takes none, e.g. `" + name + "() {}`");
    } else if (elements.getOrigin(noArgument) == Elements.Origin.MANDATED) {
      return; // the implicit constructor of a private class: ModelPrivate says what to do
    } else if (noArgument.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.report(Message.NO_USABLE_CONSTRUCTOR, noArgument, model.netName(), model.modelClass(),
          "its no-argument constructor is private", "make it package-private or protected");
    } else {
      diagnostics.report(Message.NO_USABLE_CONSTRUCTOR, noArgument, model.netName(), model.modelClass(),
          "its no-argument constructor throws " + String.join(", ", checkedExceptions(noArgument)),
          "remove the throws clause, or catch the exception inside");
    }
  }

  private List<String> checkedExceptions(ExecutableElement executable) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return executable.getThrownTypes().stream()
        .filter(t -> !types.isSubtype(t, runtime) && !types.isSubtype(t, error))
        .map(TypeMirror::toString)
        .toList();
  }

  /** A superclass's layers are not part of the network; the generated class would leave them null. */
  private void checkInheritedLayers(ModelDeclaration model) {
    TypeMirror superclass = model.type().getSuperclass();
    while (superclass.getKind() == TypeKind.DECLARED) {
      TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
      List<String> layers = ElementFilter.fieldsIn(parent.getEnclosedElements()).stream()
          .filter(f -> ModelReader.annotation(f, ModelReader.LAYER) != null)
          .map(VariableElement::getSimpleName)
          .map(Object::toString)
          .toList();
      if (!layers.isEmpty()) {
        diagnostics.report(Message.INHERITED_LAYER, model.type(), model.modelClass(),
            parent.getQualifiedName(), String.join(", ", layers), model.modelClass());
      }
      superclass = parent.getSuperclass();
    }
  }

  private void checkName(ModelDeclaration model) {
    TypeElement type = model.type();
    String net = model.packageName().isEmpty() ? model.netName() : model.packageName() + "." + model.netName();
    String modelName = type.getQualifiedName().toString();
    String previous = generatedNames.putIfAbsent(net, modelName);
    String problem = null;
    if (previous != null && !previous.equals(modelName)) {
      problem = "@Network class " + previous + " generates that class too";
    } else if (ElementFilter.typesIn(elements.getAllMembers(type)).stream()
        .anyMatch(t -> t.getSimpleName().contentEquals(model.netName()))) {
      problem = "its member type " + model.netName() + " would hide the generated class inside itself";
    } else {
      TypeElement existing = elements.getTypeElement(net);
      // A class extending the model is the one an earlier build generated, still on the class path.
      if (existing != null && !(existing.getKind() == ElementKind.CLASS
          && types.isSameType(types.erasure(existing.getSuperclass()), types.erasure(type.asType())))) {
        problem = "type " + net + " already exists";
      }
    }
    if (problem != null) {
      diagnostics.report(Message.NET_NAME_CLASH, type, net, modelName, problem);
    }
  }

  /** {@code XorNn.forward(float[], int)}, for messages. */
  static String signature(ExecutableElement executable) {
    String name = executable.getKind() == ElementKind.CONSTRUCTOR
        ? executable.getEnclosingElement().getSimpleName().toString()
        : executable.getEnclosingElement().getSimpleName() + "." + executable.getSimpleName();
    return executable.getParameters().stream()
        .map(p -> p.asType().toString())
        .collect(Collectors.joining(", ", name + "(", ")"));
  }
}
