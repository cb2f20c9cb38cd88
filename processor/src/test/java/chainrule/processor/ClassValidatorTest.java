package chainrule.processor;

import static chainrule.processor.Declarations.classDeclaration;
import static chainrule.processor.Declarations.layer;
import static chainrule.processor.Declarations.linear;
import static chainrule.processor.Declarations.model;
import static chainrule.processor.Declarations.tags;
import static chainrule.processor.Declarations.withClass;
import static com.google.common.truth.Truth.assertThat;

import chainrule.Loss;
import javax.lang.model.element.ElementKind;
import org.junit.jupiter.api.Test;

/** The class checks, on hand-made declarations: no compiler, and no state shared between classes. */
class ClassValidatorTest {
  private static final ModelDeclaration XOR =
      model(Loss.BCE, linear(1, "linear1", 2, 1), layer(2, "sigmoid1", LayerType.SIGMOID));

  /** Which model claimed a generated name is the processor's state, passed in; the validator only reads it. */
  @Test
  void aNameClaimedByAnotherModelIsTagged() {
    Validator.Result result = Validator.validate(XOR, "demo.Other");
    assertThat(result.reports().stream().map(Report::text).toList()).containsExactly(
        "[NetNameClash] chainrule would generate demo.XorNet for @Network class demo.Xor, but @Network class "
            + "demo.Other generates that class too; rename one of them");
    assertThat(result.model()).isEmpty();
    assertThat(Validator.validate(XOR, "demo.Xor").reports()).isEmpty();
  }

  @Test
  void anInterfaceIsNoClassAndItsLayersAreNotChecked() {
    ModelDeclaration declaration = withClass(
        model(Loss.BCE, linear(1, "linear1", 0, 1)), classDeclaration(ElementKind.INTERFACE));
    assertThat(tags(Validator.validate(declaration, null).reports())).containsExactly("NetworkNotAClass");
  }
}
