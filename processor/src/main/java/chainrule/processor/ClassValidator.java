package chainrule.processor;

import chainrule.processor.ModelDeclaration.ClassDeclaration;
import chainrule.processor.ModelDeclaration.ConstructorDeclaration;
import chainrule.processor.ModelDeclaration.InheritedLayers;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Second stage, for the class: checks that the generated {@code <Model>Net} can extend the {@code @Network}
 * class, call its constructor and take its name. Works on the {@link ModelDeclaration} alone.
 */
final class ClassValidator {
  private final Report.Collector reports;

  ClassValidator(Report.Collector reports) {
    this.reports = reports;
  }

  /** What a type of this kind is, with its article: "an interface", "an enum", "a record". */
  static String kindName(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.toString().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * Reports what is wrong with the class; returns false if it is no class at all, so its members and layers
   * mean nothing.
   *
   * @param claimedBy the model class that already generates a class of this name in this compilation, or null
   */
  boolean validate(ModelDeclaration model, String claimedBy) {
    ClassDeclaration type = model.type();
    if (type.kind() != ElementKind.CLASS) {
      reports.add(Message.NETWORK_NOT_A_CLASS, type.network(), type.modelClass(), kindName(type.kind()),
          type.simpleName());
      return false;
    }
    checkExtensible(model);
    checkConstructor(model);
    checkInheritedLayers(model);
    checkName(model, claimedBy);
    checkMemberNames(model);
    return true;
  }

  private void checkExtensible(ModelDeclaration model) {
    ClassDeclaration type = model.type();
    for (Modifier modifier : List.of(Modifier.FINAL, Modifier.SEALED)) {
      if (type.modifiers().contains(modifier)) {
        String fix = modifier == Modifier.FINAL ? "remove `final`" : "remove `sealed` and its `permits` clause";
        reports.add(Message.MODEL_FINAL, type.site(), type.modelClass(), modifier, model.netName(), fix);
      }
    }
    if (type.privateClass() != null) {
      String where = type.privateClass().equals(type.simpleName()) ? "private" : "inside private " + type.privateClass();
      reports.add(Message.MODEL_PRIVATE, type.site(), type.modelClass(), where, model.netName(), type.privateClass());
    }
    if (type.enclosingClass() != null) {
      reports.add(Message.MODEL_INNER_CLASS, type.site(), type.modelClass(), model.netName(), type.enclosingClass(),
          type.simpleName());
    }
    if (!type.typeParameters().isEmpty()) {
      reports.add(Message.GENERIC_MODEL, type.site(), type.modelClass(),
          type.typeParameters().stream().collect(Collectors.joining(", ", "<", ">")));
    }
  }

  /** The generated constructor calls {@code super()}: it needs a no-argument constructor it can see and call. */
  private void checkConstructor(ModelDeclaration model) {
    ClassDeclaration type = model.type();
    ConstructorDeclaration noArgument = null;
    for (ConstructorDeclaration constructor : type.constructors()) {
      if (!constructor.callableWithoutArguments()) {
        continue;
      }
      if (!constructor.isPrivate() && constructor.checkedExceptions().isEmpty()) {
        return;
      }
      noArgument = constructor;
    }
    if (noArgument == null) {
      String all = type.constructors().stream().map(ConstructorDeclaration::signature).collect(Collectors.joining(", "));
      reports.add(Message.NO_USABLE_CONSTRUCTOR, type.site(), model.netName(), type.modelClass(),
          "its constructors all take arguments: " + all,
          "add one that takes none, e.g. `" + type.simpleName() + "() {}`");
    } else if (noArgument.mandated()) {
      return; // the implicit constructor of a private class: ModelPrivate says what to do
    } else if (noArgument.isPrivate()) {
      reports.add(Message.NO_USABLE_CONSTRUCTOR, noArgument.site(), model.netName(), type.modelClass(),
          "its no-argument constructor is private", "make it package-private or protected");
    } else {
      reports.add(Message.NO_USABLE_CONSTRUCTOR, noArgument.site(), model.netName(), type.modelClass(),
          "its no-argument constructor throws " + String.join(", ", noArgument.checkedExceptions()),
          "remove the throws clause, or catch the exception inside");
    }
  }

  /** A superclass's layers are not part of the network; the generated class would leave them null. */
  private void checkInheritedLayers(ModelDeclaration model) {
    ClassDeclaration type = model.type();
    for (InheritedLayers inherited : type.inheritedLayers()) {
      reports.add(Message.INHERITED_LAYER, type.site(), type.modelClass(), inherited.superclass(),
          String.join(", ", inherited.fields()), type.modelClass());
    }
  }

  /** {@code chainrule.internal.Kernels.linearForward(…)} means the field if the model has a field named chainrule. */
  private void checkMemberNames(ModelDeclaration model) {
    ClassDeclaration type = model.type();
    for (String root : Members.PACKAGE_ROOTS) {
      if (type.memberNames().contains(root)) {
        String example = root.equals("java") ? "java.util.Arrays" : "chainrule.internal.Kernels";
        reports.add(Message.MEMBER_HIDES_PACKAGE, type.site(), type.modelClass(), root, root, model.netName(), example);
      }
    }
  }

  private void checkName(ModelDeclaration model, String claimedBy) {
    ClassDeclaration type = model.type();
    String problem = null;
    if (claimedBy != null && !claimedBy.equals(type.qualifiedName())) {
      problem = "@Network class " + claimedBy + " generates that class too";
    } else if (type.memberTypes().contains(model.netName())) {
      problem = "its member type " + model.netName() + " would hide the generated class inside itself";
    } else if (type.existingNet() == ModelDeclaration.ExistingNet.OTHER) {
      problem = "type " + type.netQualifiedName() + " already exists";
    }
    if (problem != null) {
      reports.add(Message.NET_NAME_CLASH, type.site(), type.netQualifiedName(), type.qualifiedName(), problem);
    }
  }
}
