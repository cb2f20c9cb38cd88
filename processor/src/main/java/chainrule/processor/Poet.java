package chainrule.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;

/** Turns the entries of {@link Members} into JavaPoet declarations, so the writers declare exactly what the validators check. */
final class Poet {
  private Poet() {}

  static TypeName type(Members.Type type, ClassName net) {
    return type == Members.Type.NET ? net : TypeName.get(type.type());
  }

  /** The method's declaration: annotations, modifiers, return type, parameters, exceptions; the caller adds the body. */
  static MethodSpec.Builder method(Members.Method method, ClassName net) {
    MethodSpec.Builder builder = MethodSpec.methodBuilder(method.name());
    if (method.overrides()) {
      builder.addAnnotation(Override.class);
    }
    builder.addModifiers(method.modifiers()).returns(type(method.returns(), net));
    for (Members.Parameter parameter : method.parameters()) {
      builder.addParameter(type(parameter.type(), net), parameter.name());
    }
    for (Class<?> exception : method.exceptions()) {
      builder.addException(exception);
    }
    return builder;
  }

  /** The field's declaration; the caller adds its javadoc and initializer. */
  static FieldSpec.Builder field(Members.Field field, ClassName net) {
    return FieldSpec.builder(type(field.type(), net), field.name()).addModifiers(field.modifiers()
        .toArray(javax.lang.model.element.Modifier[]::new));
  }
}
