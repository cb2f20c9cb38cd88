package chainrule.processor;

import static chainrule.processor.Declarations.layer;
import static chainrule.processor.Declarations.linear;
import static chainrule.processor.Declarations.method;
import static chainrule.processor.Declarations.model;
import static chainrule.processor.Declarations.tags;
import static com.google.common.truth.Truth.assertThat;

import chainrule.Loss;
import chainrule.processor.ModelDeclaration.MethodDeclaration;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/** The model's methods against the generated class's member table, on hand-made declarations: no compiler. */
class MethodValidatorTest {
  private static final Set<Modifier> ABSTRACT = Set.of(Modifier.ABSTRACT);
  private static final Set<Modifier> CONCRETE = Set.of();
  private static final List<String> PATH = List.of("java.nio.file.Path");
  private static final List<String> BATCH = List.of("float[]", "int");

  private static List<Report> check(MethodDeclaration... methods) {
    ModelDeclaration declaration = model(Loss.BCE,
        List.of(linear(1, "linear1", 2, 1), layer(2, "sigmoid1", LayerType.SIGMOID)), List.of(methods));
    return Validator.validate(declaration, null).reports();
  }

  /** Issue 8: javac failed in the generated save, which declares IOException. */
  @Test
  void aSaveWithoutThrowsIOExceptionIsTaggedOnIt() {
    List<Report> reports = check(method(3, CONCRETE, "void", "save", PATH, List.of()));
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).site()).isEqualTo(Site.at(3));
    assertThat(reports.get(0).text()).isEqualTo("[GeneratedMethodClash] Xor.save(java.nio.file.Path) clashes with "
        + "`public void save(Path file) throws IOException` in the generated XorNet: the generated one throws "
        + "IOException, which yours does not declare; add `throws IOException` to yours, or rename yours");
    assertThat(tags(check(method(3, ABSTRACT, "void", "load", PATH, List.of())))).containsExactly("GeneratedMethodClash");
  }

  @Test
  void anAbstractSaveThatThrowsIOExceptionOrMoreIsImplemented() {
    assertThat(check(method(3, ABSTRACT, "void", "save", PATH, List.of("java.io.IOException")))).isEmpty();
    assertThat(check(method(3, ABSTRACT, "void", "load", PATH, List.of("java.lang.Exception")))).isEmpty();
  }

  /** Issue 8: a concrete forward was replaced without a word. */
  @Test
  void aConcreteMethodTheGeneratedOneWouldReplaceIsTagged() {
    List<Report> reports = check(method(3, Set.of(Modifier.PUBLIC), "float[]", "forward", BATCH, List.of()));
    assertThat(reports.get(0).text()).contains("yours has a body, which the generated one would replace");
    assertThat(check(method(3, Set.of(Modifier.PUBLIC), "java.lang.String", "toString", List.of(), List.of())))
        .hasSize(1);
  }

  @Test
  void abstractMethodsObjectsOwnAndStaticHidingAreFine() {
    assertThat(check(
        method(3, Set.of(Modifier.PUBLIC, Modifier.ABSTRACT), "float[]", "forward", BATCH, List.of()),
        Declarations.objectToString(),
        // a static create is hidden by the generated one, not replaced; the net is an Xor
        method(4, Set.of(Modifier.STATIC), "demo.Xor", "create", List.of("long"), List.of()),
        // covariant: the generated threads returns the net, which is a Trainable and an Object
        method(5, ABSTRACT, "chainrule.Trainable", "threads", List.of("int"), List.of()),
        method(6, ABSTRACT, "java.lang.Object", "parameters", List.of(), List.of()))).isEmpty();
  }

  @Test
  void returnTypesThatDoNotFitAreTagged() {
    List<Report> reports = check(
        method(3, ABSTRACT, "int", "threads", List.of("int"), List.of()),
        method(4, ABSTRACT, "long", "parameterCount", List.of(), List.of()),
        method(5, ABSTRACT, "java.lang.CharSequence", "toString", List.of(), List.of()));
    assertThat(reports.stream().map(Report::text).toList()).containsExactly(
        "[GeneratedMethodClash] Xor.threads(int) clashes with `public XorNet threads(int threads)` in the generated "
            + "XorNet: yours returns int; return Xor, or rename yours",
        "[GeneratedMethodClash] Xor.parameterCount() clashes with `public int parameterCount()` in the generated "
            + "XorNet: yours returns long; return int, or rename yours").inOrder();
  }

  @Test
  void anUnimplementedAbstractMethodSuggestsTheClosestGeneratedOne() {
    List<Report> reports = check(method(3, ABSTRACT, "float[]", "parameter", List.of(), List.of()));
    assertThat(reports.get(0).text()).isEqualTo("[AbstractMethod] the generated XorNet would not implement abstract "
        + "method Xor.parameter(); did you mean `public float[] parameters()`?");
  }
}
