package chainrule.processor;

import chainrule.processor.ModelDeclaration.MethodDeclaration;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Second stage, for the methods of the {@code @Network} class, against {@link Members}: the generated
 * {@code <Model>Net} must implement every abstract method, and each method it declares must be able to
 * override (or hide) the model's method of the same signature: not private or static where the model's is
 * not, not final there, a return type that fits, exceptions the model's declares. A concrete method of the
 * model that a generated one would replace is an error too, since the model's body would never run.
 */
final class MethodValidator {
  private final Report.Collector reports;

  MethodValidator(Report.Collector reports) {
    this.reports = reports;
  }

  void validate(ModelDeclaration model) {
    for (MethodDeclaration method : model.methods()) {
      if (!method.inherited()) {
        if (!method.implemented()) {
          reports.add(Message.ABSTRACT_METHOD, method.site(), model.netName(), method.signature(),
              "it is package-private in another package, and no class outside that package can implement it; "
                  + "make it protected");
        }
        continue;
      }
      Members.Method generated = generatedWithSignatureOf(model, method);
      Members.Method overloaded = generated == null ? staticOfTheSameName(model, method) : null;
      if (generated != null) {
        checkClash(model, method, generated);
      } else if (overloaded != null) {
        // inherited beside the generated one: XNet.create(777) would call the model's create(int)
        reports.add(Message.GENERATED_METHOD_CLASH, method.site(), method.signature(),
            overloaded.declaration(model.netName()), model.netName(),
            "the generated class inherits yours beside it, so a call such as " + model.netName() + "."
                + method.name() + "(…) may pick yours", "rename yours");
      } else if (method.isAbstract() && !method.implemented()) {
        List<Members.Method> methods = Members.methods(model.loss());
        List<String> names = methods.stream()
            .filter(g -> !g.isPrivate() && !g.isStatic())
            .map(Members.Method::name)
            .toList();
        String closest = Diagnostics.closest(method.name(), names);
        String fix = closest == null
            ? "implement it in " + model.type().modelClass() + ", or remove it (the generated class implements only "
                + String.join(", ", names) + ")"
            : "did you mean `" + methods.stream().filter(g -> g.name().equals(closest)).findFirst()
                .orElseThrow().declaration(model.netName()) + "`?";
        reports.add(Message.ABSTRACT_METHOD, method.site(), model.netName(), method.signature(), fix);
      }
    }
  }

  /**
   * An abstract {@code predict} the model declares is implemented only by a network that names classes
   * ({@link NetworkModel#predicts}), which is known once the layers are; otherwise it is reported here, where
   * javac would report it inside the generated class.
   */
  void validatePredict(ModelDeclaration declaration, NetworkModel model) {
    if (model.predicts()) {
      return;
    }
    for (MethodDeclaration method : declaration.methods()) {
      if (method.inherited() && method.isAbstract() && !method.implemented()
          && generatedWithSignatureOf(declaration, method) == Members.PREDICT) {
        LayerModel last = model.layers().get(model.layers().size() - 1);
        reports.add(Message.ABSTRACT_METHOD, method.site(), declaration.netName(), method.signature(),
            "predict names classes, so the generated class has it only for a cross-entropy network or one ending "
                + "in a Sigmoid with 1 output, and this one ends in " + last.field() + " (" + last.type().simpleName
                + ") with " + model.outputs() + " outputs; remove it, and threshold forward's outputs yourself");
      }
    }
  }

  private void checkClash(ModelDeclaration model, MethodDeclaration method, Members.Method generated) {
    boolean isStatic = method.modifiers().contains(Modifier.STATIC);
    String problem;
    String fix = "rename yours";
    if (generated.isPrivate()) {
      problem = "it is private there, and cannot override yours";
    } else if (generated.isStatic() != isStatic) {
      problem = generated.isStatic() ? "a static method cannot hide your instance method"
          : "an instance method cannot override your static method";
    } else if (!method.parameterTypes().equals(generated.parameterTypes())) {
      problem = "yours has the same erasure but takes " + method.parameterTypes() + " as a member of "
          + model.type().modelClass() + ", so neither overrides the other";
    } else if (method.modifiers().contains(Modifier.FINAL)) {
      problem = "yours is final";
      fix = "remove `final`, or rename yours";
    } else if (!returnsCompatibly(model, generated, method)) {
      problem = "yours returns " + method.returnType();
      fix = "return " + (generated.returns() == Members.Type.NET ? model.type().modelClass()
          : generated.returns().name()) + ", or rename yours";
    } else if (!uncovered(model, generated, method).isEmpty()) {
      String exceptions = String.join(", ", uncovered(model, generated, method));
      problem = "the generated one throws " + exceptions + ", which yours does not declare";
      fix = "add `throws " + exceptions + "` to yours, or rename yours";
    } else if (!method.isAbstract() && !isStatic && !method.fromObject()) { // a static one is hidden, not replaced
      problem = "yours has a body, which the generated one would replace, so it would never run";
      fix = "make yours abstract (the generated class implements it), or rename yours";
    } else {
      return; // the generated method implements or overrides yours
    }
    reports.add(Message.GENERATED_METHOD_CLASH, method.site(), method.signature(),
        generated.declaration(model.netName()), model.netName(), problem, fix);
  }

  /** Primitive types by width: each widens to those after it (char only from int on). */
  private static final List<String> WIDENING = List.of("byte", "short", "char", "int", "long", "float", "double");

  /**
   * The generated static method that {@code method}, static too, overloads more specifically: the same name and
   * arity, each parameter the same type or a narrower primitive, one at least narrower ({@code create(int)}
   * beside {@code create(long)}: {@code XNet.create(777)} would call the model's). Null if none.
   */
  private static Members.Method staticOfTheSameName(ModelDeclaration model, MethodDeclaration method) {
    if (!method.modifiers().contains(Modifier.STATIC)) {
      return null;
    }
    return Members.methods(model.loss()).stream()
        .filter(g -> g.isStatic() && !g.isPrivate() && g.name().equals(method.name()))
        .filter(g -> moreSpecific(method.parameterTypes(), g.parameterTypes()))
        .findFirst()
        .orElse(null);
  }

  private static boolean moreSpecific(List<String> mine, List<String> generated) {
    if (mine.size() != generated.size() || mine.equals(generated)) {
      return false;
    }
    for (int i = 0; i < mine.size(); i++) {
      int narrow = WIDENING.indexOf(mine.get(i));
      int wide = WIDENING.indexOf(generated.get(i));
      boolean widens = narrow >= 0 && wide > narrow && !generated.get(i).equals("char")
          && !(mine.get(i).equals("char") && wide < WIDENING.indexOf("int"));
      if (!mine.get(i).equals(generated.get(i)) && !widens) {
        return false;
      }
    }
    return true;
  }

  /**
   * The generated method that {@code method}, as a member of the model, has the signature of; or the one its
   * declaration has the erasure of (a clash javac reports as "same erasure"); or null.
   */
  private static Members.Method generatedWithSignatureOf(ModelDeclaration model, MethodDeclaration method) {
    Members.Method generated = Members.method(model.loss(), method.name(), method.parameterTypes());
    return generated != null ? generated
        : Members.method(model.loss(), method.name(), method.declaredParameterTypes());
  }

  /** Whether the generated method's return type may replace {@code method}'s (the same primitive, or a subtype). */
  private static boolean returnsCompatibly(ModelDeclaration model, Members.Method generated, MethodDeclaration method) {
    String theirs = method.returnType();
    if (generated.returns() == Members.Type.NET) { // the generated class: the model, its supertypes, the interface
      String modelName = model.type().qualifiedName();
      String face = Members.interfaceOf(model.loss()).getCanonicalName();
      return Stream.of(modelName, face).anyMatch(t -> model.isSubtype(t, theirs));
    }
    Class<?> ours = generated.returns().type();
    if (ours.isPrimitive()) { // void too
      return theirs.equals(ours.getName());
    }
    return model.isSubtype(generated.returns().name(), theirs);
  }

  /** The checked exceptions the generated method declares that {@code method}'s throws clause does not cover. */
  private static List<String> uncovered(ModelDeclaration model, Members.Method generated, MethodDeclaration method) {
    return generated.exceptions().stream()
        .map(Class::getCanonicalName)
        .filter(ours -> method.thrownTypes().stream().noneMatch(theirs -> model.isSubtype(ours, theirs)))
        .map(ours -> ours.substring(ours.lastIndexOf('.') + 1))
        .toList();
  }
}
