package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per warning tag: a warning points at the field, does not stop generation, and
 * {@code @SuppressWarnings("chainrule")} on the field or the class silences it.
 */
class WarningTest {

  @Test
  void leadingActivation() {
    Compilation c = warns("LeadingActivation", 1);
    warning(c, "LeadingActivation", "[LeadingActivation] the network starts with activation tanh0, which only "
        + "squashes the raw input; a network usually starts with a Linear (@SuppressWarnings(\"chainrule\") "
        + "silences this)", "@Layer Tanh tanh0;");
  }

  @Test
  void consecutiveActivations() {
    Compilation c = warns("ConsecutiveActivations", 1);
    warning(c, "ConsecutiveActivations", "[ConsecutiveActivations] sigmoid1 follows activation relu1 directly; two "
        + "activations in a row are legal but rarely meant: did you forget a Linear between them?",
        "@Layer Sigmoid sigmoid1;");
  }

  @Test
  void consecutiveLinears() {
    // linear4 directly after linear3 is suppressed on the field
    Compilation c = warns("ConsecutiveLinears", 1);
    warning(c, "ConsecutiveLinears", "[ConsecutiveLinears] linear2 follows Linear linear1 with no activation "
        + "between; two Linear maps in a row compose into one Linear (2 -> 4), so the second adds parameters but "
        + "no power: put an activation such as @Layer Sigmoid between them", "Linear linear2;");
  }

  @Test
  void suppressedOnTheClass() {
    JavaFileObject suppressed = Fixtures.good("UnusualChain");
    assertThat(Fixtures.compile(suppressed)).succeededWithoutWarnings();

    String source = Fixtures.resource("good/UnusualChain.java");
    assertThat(source).contains("@SuppressWarnings(\"chainrule\")\n");
    JavaFileObject unsuppressed = JavaFileObjects.forSourceString("demo.UnusualChain",
        source.replace("@SuppressWarnings(\"chainrule\")\n", ""));
    Compilation c = Fixtures.compile(unsuppressed);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(3);
    assertThat(c).hadWarningContaining("[LeadingActivation]").inFile(unsuppressed).onLineContaining("tanh0;");
    assertThat(c).hadWarningContaining("[ConsecutiveLinears]").inFile(unsuppressed).onLineContaining("linear2;");
    assertThat(c).hadWarningContaining("[ConsecutiveActivations]").inFile(unsuppressed)
        .onLineContaining("sigmoid2;");
  }

  /** Compiles {@code bad/<fixture>.java}: it must succeed, with exactly {@code warnings} warnings. */
  private static Compilation warns(String fixture, int warnings) {
    Compilation c = Fixtures.compile(Fixtures.bad(fixture));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(warnings);
    assertThat(c.generatedSourceFiles()).hasSize(1);
    return c;
  }

  private static void warning(Compilation c, String fixture, String message, String line) {
    assertThat(c).hadWarningContaining(message).inFile(Fixtures.bad(fixture)).onLineContaining(line);
  }
}
