package chainrule.processor;

import java.util.ArrayList;
import java.util.List;
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
 * Second stage, for the methods of the {@code @Network} class: the generated {@code <Model>Net} must
 * implement every abstract method, and each method it declares must be able to override (or hide) the
 * model's method of the same signature. Reports every problem through {@link Diagnostics}.
 */
final class MethodValidator {
  /**
   * A method {@link NetWriter} declares in every generated class (keep the two in step); {@code returns} is
   * null for the generated class itself. A model method with the same signature is overridden (or hidden)
   * by it, and must allow that.
   */
  private record GeneratedMethod(String name, List<String> parameters, String returns, String declaration) {
    boolean isPrivate() {
      return declaration.startsWith("private");
    }

    boolean isStatic() {
      return declaration.contains("static");
    }
  }

  private static final List<GeneratedMethod> GENERATED = List.of(
      new GeneratedMethod("create", List.of("long"), null, "public static %s create(long seed)"),
      new GeneratedMethod("forward", List.of("float[]", "int"), "float[]",
          "public float[] forward(float[] x, int rows)"),
      new GeneratedMethod("lossAndGradients", List.of("float[]", "float[]", "int"), "float",
          "public float lossAndGradients(float[] x, float[] y, int rows)"),
      new GeneratedMethod("trainStep", List.of("float[]", "float[]", "int", "chainrule.Optimizer"), "float",
          "public float trainStep(float[] x, float[] y, int rows, Optimizer optimizer)"),
      new GeneratedMethod("threads", List.of("int"), null, "public %s threads(int threads)"),
      new GeneratedMethod("parameterCount", List.of(), "int", "public int parameterCount()"),
      new GeneratedMethod("parameters", List.of(), "float[]", "public float[] parameters()"),
      new GeneratedMethod("setParameters", List.of("float[]"), "void", "public void setParameters(float[] values)"),
      new GeneratedMethod("save", List.of("java.nio.file.Path"), "void", "public void save(Path file)"),
      new GeneratedMethod("load", List.of("java.nio.file.Path"), "void", "public void load(Path file)"),
      new GeneratedMethod("toString", List.of(), "java.lang.String", "public String toString()"),
      new GeneratedMethod("forwardPass", List.of("float[]", "int"), "void",
          "private void forwardPass(float[] X, int rows)"),
      new GeneratedMethod("backwardPass", List.of("float[]", "float[]", "int"), "void",
          "private void backwardPass(float[] X, float[] Y, int rows)"),
      new GeneratedMethod("ensureCapacity", List.of("int"), "void", "private void ensureCapacity(int rows)"));

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;

  MethodValidator(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /**
   * Every abstract method must be implemented by a generated method, and every method the generated class
   * declares must be able to override (or hide) the model's method of the same signature.
   */
  void validate(ModelDeclaration model) {
    TypeElement type = model.type();
    List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
    for (ExecutableElement method : methods) {
      if (!visibleToSubclass(method, type)) {
        continue;
      }
      GeneratedMethod generated = generatedWithSignatureOf(method, type);
      if (generated != null) {
        checkClash(model, method, generated);
      } else if (method.getModifiers().contains(Modifier.ABSTRACT) && !implemented(method, methods, type)) {
        List<String> names = GENERATED.stream().filter(g -> !g.isPrivate() && !g.isStatic())
            .map(GeneratedMethod::name).toList();
        String closest = Diagnostics.closest(method.getSimpleName().toString(), names);
        String fix = closest == null
            ? "implement it in " + model.modelClass() + ", or remove it (the generated class implements only "
                + String.join(", ", names) + ")"
            : "did you mean `" + declaration(generatedNamed(closest), model) + "`?";
        diagnostics.report(Message.ABSTRACT_METHOD, placement(method, type), model.netName(),
            ClassValidator.signature(method), fix);
      }
    }
  }

  private void checkClash(ModelDeclaration model, ExecutableElement method, GeneratedMethod generated) {
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    String problem;
    String fix;
    if (generated.isPrivate()) {
      problem = "it is private there, and cannot override yours";
      fix = "rename yours";
    } else if (generated.isStatic() != isStatic) {
      problem = generated.isStatic() ? "a static method cannot hide your instance method"
          : "an instance method cannot override your static method";
      fix = "rename yours";
    } else if (method.getModifiers().contains(Modifier.FINAL)) {
      problem = "yours is final";
      fix = "remove `final`, or rename yours";
    } else if (!returnsCompatibly(generated, method, model.type())) {
      problem = "yours returns " + method.getReturnType();
      fix = "return " + (generated.returns() == null ? model.modelClass() : generated.returns())
          + ", or rename yours";
    } else {
      return; // the generated method overrides yours
    }
    diagnostics.report(Message.GENERATED_METHOD_CLASH, placement(method, model.type()),
        ClassValidator.signature(method), declaration(generated, model), model.netName(), problem, fix);
  }

  /** The generated method that {@code method}, as a member of the model, has the signature of; or null. */
  private GeneratedMethod generatedWithSignatureOf(ExecutableElement method, TypeElement model) {
    List<String> parameters = new ArrayList<>();
    for (TypeMirror parameter : memberType(method, model).getParameterTypes()) {
      parameters.add(types.erasure(parameter).toString());
    }
    for (GeneratedMethod generated : GENERATED) {
      if (method.getSimpleName().contentEquals(generated.name()) && parameters.equals(generated.parameters())) {
        return generated;
      }
    }
    return null;
  }

  /** Whether the generated method's return type may replace {@code method}'s (same primitive, or a subtype). */
  private boolean returnsCompatibly(GeneratedMethod generated, ExecutableElement method, TypeElement model) {
    TypeMirror declared = memberType(method, model).getReturnType();
    TypeMirror ours = switch (generated.returns() == null ? "" : generated.returns()) {
      case "" -> types.erasure(model.asType()); // the generated class extends the model
      case "float[]" -> types.getArrayType(types.getPrimitiveType(TypeKind.FLOAT));
      case "float" -> types.getPrimitiveType(TypeKind.FLOAT);
      case "int" -> types.getPrimitiveType(TypeKind.INT);
      case "void" -> types.getNoType(TypeKind.VOID);
      default -> elements.getTypeElement(generated.returns()).asType();
    };
    if (declared.getKind().isPrimitive() || declared.getKind() == TypeKind.VOID) {
      return declared.getKind() == ours.getKind();
    }
    return !ours.getKind().isPrimitive() && ours.getKind() != TypeKind.VOID
        && types.isAssignable(ours, types.erasure(declared));
  }

  private boolean implemented(ExecutableElement method, List<ExecutableElement> methods, TypeElement model) {
    return methods.stream().anyMatch(other -> other != method && !other.getModifiers().contains(Modifier.ABSTRACT)
        && elements.overrides(other, method, model));
  }

  private ExecutableType memberType(ExecutableElement method, TypeElement model) {
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return (ExecutableType) method.asType();
    }
    return (ExecutableType) types.asMemberOf((DeclaredType) model.asType(), method);
  }

  /** Private members are not inherited; package-private ones only within the package, where the generated class is. */
  private boolean visibleToSubclass(ExecutableElement method, TypeElement model) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return method.getModifiers().contains(Modifier.PUBLIC) || method.getModifiers().contains(Modifier.PROTECTED)
        || elements.getPackageOf(method).equals(elements.getPackageOf(model));
  }

  /** On the method if the model declares it, else on the model (an inherited method's file is elsewhere). */
  private static Element placement(ExecutableElement method, TypeElement model) {
    return method.getEnclosingElement().equals(model) ? method : model;
  }

  private static GeneratedMethod generatedNamed(String name) {
    return GENERATED.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  private static String declaration(GeneratedMethod generated, ModelDeclaration model) {
    return String.format(generated.declaration(), model.netName());
  }
}
