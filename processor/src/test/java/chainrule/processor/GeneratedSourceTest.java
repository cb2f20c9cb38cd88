package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each good model compiles without warnings and generates exactly its golden file. */
class GeneratedSourceTest {
  /** Every fixture in {@code good}, with the class generated for it. */
  static final Map<String, String> GOOD = Map.ofEntries(
      Map.entry("XorNn", "demo.XorNnNet"),
      Map.entry("XorWideDeep", "demo.XorWideDeepNet"),
      Map.entry("ReluTanh", "demo.ReluTanhNet"),
      Map.entry("MseRegression", "demo.MseRegressionNet"),
      Map.entry("Outer", "demo.Outer_InnerNet"),
      Map.entry("DefaultPackageModel", "DefaultPackageModelNet"),
      Map.entry("UnusualChain", "demo.UnusualChainNet"),
      Map.entry("WithMembers", "demo.WithMembersNet"),
      Map.entry("LegacyModel", "demo.LegacyModelNet"),
      Map.entry("LeakyRelu", "demo.LeakyReluNet"),
      Map.entry("Iris", "demo.IrisNet"),
      Map.entry("Initialisers", "demo.InitialisersNet"),
      Map.entry("DropoutNet", "demo.DropoutNetNet"),
      Map.entry("BatchNormNet", "demo.BatchNormNetNet"),
      Map.entry("ReluChain", "demo.ReluChainNet"));

  static Stream<Arguments> goldens() {
    return GOOD.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("goldens")
  void generatesGolden(String fixture, String generated) {
    Compilation compilation = Fixtures.compile(Fixtures.good(fixture));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).hasSize(1);
    Fixtures.assertGolden(compilation, generated);
  }

  /** The README's "What the compiler writes" is the golden backward pass of xor-nn, as it is today. */
  @Test
  void theReadmesBackwardPassIsTheGeneratedOne() throws IOException {
    String readme = Files.readString(Fixtures.MODULE.resolveSibling("README.md"));
    int section = readme.indexOf("### What the compiler writes");
    int from = readme.indexOf("```java\n", section) + "```java\n".length();
    String shown = readme.substring(from, readme.indexOf("```\n", from));
    assertThat(shown).startsWith("  private void backwardPass(");
    assertThat(Files.readString(Fixtures.RESOURCES.resolve("expected/XorNnNet.java"))).contains(shown);
  }

  @Test
  void everyGoodFixtureHasAGolden() {
    assertThat(Fixtures.names("good")).containsExactlyElementsIn(GOOD.keySet());
    assertThat(Fixtures.names("expected")).containsExactlyElementsIn(
        GOOD.values().stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).toList());
  }
}
