package chainrule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor behaves in every build: strict lint, repeated runs, incremental builds, rounds, its own bugs. */
class BuildTest {

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAllWerror() {
    Compilation c = Fixtures.compile(List.of("-Xlint:all", "-Werror"), goodFixtures());
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFiles()).hasSize(GeneratedSourceTest.GOOD.size());
  }

  /** Found by trying: overriding a deprecated method raised javac's deprecation warning in generated code. */
  @Test
  void overridingADeprecatedMethodRaisesNoWarningUnderXlintAllWerror() {
    JavaFileObject model = Fixtures.model("Old",
                "@Network",
        "abstract class Old {",
        "  @Layer(in = 2, out = 1) Linear linear1;",
        "  @Layer Sigmoid sigmoid1;",
        "",
        "  /** @deprecated use predict */",
        "  @Deprecated(forRemoval = true)",
        "  public abstract float[] forward(float[] x, int rows);",
        "}");
    Compilation c = Fixtures.compile(List.of("-Xlint:all", "-Werror"), model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.OldNet").contentsAsUtf8String()
        .contains("@SuppressWarnings(\"removal\")\npublic final class OldNet");
  }

  /** Found by a probe: a deprecated @Layer field or no-argument constructor, which the generated constructor uses. */
  @Test
  void deprecatedLayerFieldsAndConstructorsRaiseNoWarningUnderXlintAllWerror() {
    JavaFileObject model = Fixtures.model("Aging",
                "@Network",
        "abstract class Aging {",
        "  /** @deprecated a wider one comes */",
        "  @Deprecated @Layer(in = 2, out = 1) Linear linear1;",
        "  /** @deprecated */",
        "  @Deprecated(forRemoval = true) @Layer Sigmoid sigmoid1;",
        "",
        "  /** @deprecated */",
        "  @Deprecated Aging() {}",
        "}");
    Compilation c = Fixtures.compile(List.of("-Xlint:all", "-Werror"), model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.AgingNet").contentsAsUtf8String()
        .contains("@SuppressWarnings({\"deprecation\", \"removal\"})\npublic final class AgingNet");
  }

  /** Found by a probe: demo.String and demo.System shadowed java.lang's in the generated code, which failed. */
  @Test
  void typesOfTheModelsPackageNamedLikeJavaLangsAreNoClash() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name : List.of("String", "System", "Override", "Math", "Float", "Object", "IllegalArgumentException",
        "SuppressWarnings")) {
      sources.add(JavaFileObjects.forSourceLines("demo." + name, "package demo;", "", "class " + name + " {}"));
    }
    sources.add(Fixtures.model("Shadowed",
                "@Network",
        "@java.lang.SuppressWarnings(\"unused\")",
        "abstract class Shadowed {",
        "  @Layer(in = 2, out = 4) Linear linear1;",
        "  @Layer Sigmoid sigmoid1;",
        "  @Layer Dropout dropout1;",
        "  @Layer(in = 4, out = 1) Linear linear2;",
        "  @Layer Sigmoid sigmoid2;",
        "}"));
    Compilation c = Fixtures.compile(List.of("-Xlint:all", "-Werror"), sources.toArray(new JavaFileObject[0]));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.ShadowedNet").contentsAsUtf8String()
        .contains("public static final java.lang.String ARCHITECTURE");
  }

  /** Static factories of the model that no call of the generated create(long) can pick are no clash. */
  @Test
  void staticFactoriesOfOtherSignaturesAreNoClash() {
    JavaFileObject model = Fixtures.model("Configured",
        "@Network",
        "abstract class Configured {",
        "  @Layer(in = 2, out = 1) Linear linear1;",
        "  @Layer Sigmoid sigmoid1;",
        "",
        "  static ConfiguredNet create(java.nio.file.Path weights, String name) { return null; }",
        "",
        "  static ConfiguredNet create(Integer seed) { return null; }", // boxing: create(long) wins for an int
        "",
        "  static ConfiguredNet create(double seed) { return null; }", // long is more specific than double
        "}");
    assertThat(Fixtures.compile(List.of("-Xlint:all", "-Werror"), model)).succeededWithoutWarnings();
  }

  @Test
  void repeatedRunsGenerateIdenticalBytes() {
    Map<String, String> first = generated(Fixtures.compile(goodFixtures()));
    Map<String, String> second = generated(Fixtures.compile(goodFixtures()));
    assertThat(first).hasSize(GeneratedSourceTest.GOOD.size());
    assertThat(second).isEqualTo(first);
  }

  /** An incremental build recompiles the model with the class generated last time on the class path. */
  @Test
  void aClassGeneratedByAnEarlierBuildIsNoClash(@TempDir Path output) throws IOException {
    Compilation first = Fixtures.compile(Fixtures.good("XorNn"));
    assertThat(first).succeeded();
    for (JavaFileObject file : first.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        Path target = output.resolve(file.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
    assertThat(Files.exists(output.resolve("demo/XorNnNet.class"))).isTrue();
    List<File> classpath = new ArrayList<>();
    classpath.add(output.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    Compilation second = javac().withProcessors(new NetworkProcessor()).withClasspath(classpath)
        .compile(Fixtures.good("XorNn"));
    assertThat(second).succeededWithoutWarnings();
    assertThat(generated(second)).isEqualTo(generated(first));
  }

  @Test
  void generatedAnnotationHasNoDate() throws IOException {
    Compilation c = Fixtures.compile(Fixtures.good("XorNn"));
    String text = c.generatedSourceFile("demo.XorNnNet").orElseThrow().getCharContent(false).toString();
    assertThat(text).contains("\n@Generated(\"chainrule.processor.NetworkProcessor\")\npublic final class XorNnNet");
  }

  @Test
  void registeredAsAnIsolatingProcessorForGradle() {
    assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
        .isEqualTo(NetworkProcessor.class.getName() + ",isolating\n");
    assertThat(resource("META-INF/services/javax.annotation.processing.Processor"))
        .contains(NetworkProcessor.class.getName());
    // Gradle treats a processor that supports "*" as aggregating
    assertThat(new NetworkProcessor().getSupportedAnnotationTypes()).doesNotContain("*");
    assertThat(new NetworkProcessor().getSupportedSourceVersion()).isEqualTo(SourceVersion.latestSupported());
  }

  /** Gradle's isolating mode needs exactly one originating element per generated file: the model. */
  @Test
  void eachGeneratedFileHasItsModelAsOnlyOriginatingElement() {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac().withProcessors(processor).compile(Fixtures.good("XorNn"), Fixtures.good("Outer"));
    assertThat(c).succeeded();
    assertThat(processor.origins).containsExactly(
        "demo.XorNnNet", List.of("demo.XorNn"),
        "demo.Outer_InnerNet", List.of("demo.Outer.Inner"));
  }

  @Test
  void anUnexpectedExceptionBecomesATaggedErrorWithItsTrace() {
    JavaFileObject xorNn = Fixtures.good("XorNn");
    RecordingProcessor processor = new RecordingProcessor(new NetworkProcessor(type -> {
      if (type.getSimpleName().contentEquals("XorNn")) {
        throw new IllegalStateException("probe failure");
      }
    }));
    Compilation c = javac().withProcessors(processor).compile(xorNn, Fixtures.good("XorWideDeep"));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[ProcessorError] chainrule could not process demo.XorNn because of an "
        + "unexpected error; please report it with this trace:").inFile(xorNn).onLineContaining("abstract class XorNn");
    assertThat(c).hadErrorContaining("java.lang.IllegalStateException: probe failure");
    assertThat(c).hadErrorContaining("at chainrule.processor.NetworkProcessor.processModel");
    // the other model is still processed
    assertThat(processor.origins.keySet()).containsExactly("demo.XorWideDeepNet");
  }

  /** A model may extend a class that another processor generates: it is processed once the class exists. */
  @Test
  void waitsForASuperclassAnotherProcessorGenerates() {
    JavaFileObject model = deferredModel();
    Compilation c = javac()
        .withProcessors(new BaseGenerator("public abstract class GeneratedBase {}"), new NetworkProcessor())
        .compile(model);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("demo.DeferredNet")).isPresent();
  }

  /** Checked against the generated superclass, not against the unresolved type seen in the first round. */
  @Test
  void checksAModelAgainstItsGeneratedSuperclass() {
    JavaFileObject model = deferredModel();
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac()
        .withProcessors(new BaseGenerator("public abstract class GeneratedBase {\n"
                + "  public final float[] forward(float[] x, int rows) { return x; }\n}"),
            processor)
        .compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[GeneratedMethodClash] GeneratedBase.forward(float[], int) clashes with")
        .inFile(model).onLineContaining("abstract class Deferred");
    assertThat(processor.origins).isEmpty();
  }

  /** A superclass that never comes is javac's error to report; chainrule adds nothing and writes nothing. */
  @Test
  void leavesAMissingSuperclassToJavac() {
    JavaFileObject model = deferredModel();
    RecordingProcessor processor = new RecordingProcessor();
    Compilation c = javac().withProcessors(processor).compile(model);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(model).onLineContaining("extends GeneratedBase");
    assertThat(processor.origins).isEmpty();
  }

  private static JavaFileObject deferredModel() {
    return Fixtures.model("Deferred",
                "@Network",
        "abstract class Deferred extends GeneratedBase {",
        "  @Layer(in = 2, out = 1) Linear linear1;",
        "  @Layer Sigmoid sigmoid1;",
        "}");
  }

  private static JavaFileObject[] goodFixtures() {
    return GeneratedSourceTest.GOOD.keySet().stream().sorted().map(Fixtures::good).toArray(JavaFileObject[]::new);
  }

  private static Map<String, String> generated(Compilation c) {
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : c.generatedSourceFiles()) {
      try (InputStream in = file.openInputStream()) {
        files.put(file.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static String resource(String name) {
    return Fixtures.resource(name);
  }

  /** Stands in for another processor: writes {@code demo.GeneratedBase} in the first round. */
  private static final class BaseGenerator extends AbstractProcessor {
    private final String body;
    private boolean written;

    BaseGenerator(String body) {
      this.body = body;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("demo.GeneratedBase").openWriter()) {
          writer.write("package demo;\n\n" + body + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
