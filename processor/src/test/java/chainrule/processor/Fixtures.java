package chainrule.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * The test fixtures, laid out as in AutoValue and AutoFactory: {@code src/test/resources/good} (models that
 * compile), {@code bad} (one file per diagnostic tag, named after it) and {@code expected} (the exact text
 * generated for each good model).
 *
 * <p>Goldens are compared as text, comments included: the comments are part of what chainrule promises.
 * After an intended change to the generated code, rewrite them and review the diff:
 *
 * <pre>
 * mvn -B -pl processor test -Dchainrule.updateGoldens=true   # surefire passes the property through
 * git diff processor/src/test/resources/expected
 * </pre>
 */
final class Fixtures {
  /** Set to rewrite the goldens from the current output instead of comparing with them. */
  static final boolean UPDATE_GOLDENS = Boolean.getBoolean("chainrule.updateGoldens");
  /** The processor module's directory (surefire sets it; the working directory otherwise). */
  static final Path MODULE = Path.of(System.getProperty("chainrule.moduleDir", "."));
  static final Path RESOURCES = MODULE.resolve("src/test/resources");

  private Fixtures() {}

  static JavaFileObject good(String name) {
    return JavaFileObjects.forResource("good/" + name + ".java");
  }

  static JavaFileObject bad(String name) {
    return JavaFileObjects.forResource("bad/" + name + ".java");
  }

  /** The names of the fixtures in {@code good} or {@code bad}, without {@code .java}, sorted. */
  static List<String> names(String directory) {
    try (Stream<Path> files = Files.list(RESOURCES.resolve(directory))) {
      return files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".java"))
          .map(f -> f.substring(0, f.length() - ".java".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A model class {@code demo.<name>} written inline, after {@code package demo;} and the imports of the layer
   * types, {@code @Layer}, {@code @Network} and {@code Loss} (javac does not warn of unused imports).
   */
  static JavaFileObject model(String name, String... lines) {
    Stream<String> preamble = Stream.of("package demo;", "", "import chainrule.Dropout;", "import chainrule.Layer;",
        "import chainrule.Linear;", "import chainrule.Loss;", "import chainrule.Network;", "import chainrule.Sigmoid;",
        "");
    return JavaFileObjects.forSourceLines("demo." + name,
        Stream.concat(preamble, Stream.of(lines)).toArray(String[]::new));
  }

  static Compilation compile(JavaFileObject... files) {
    return javac().withProcessors(new NetworkProcessor()).compile(files);
  }

  static Compilation compile(List<String> options, JavaFileObject... files) {
    return javac().withProcessors(new NetworkProcessor()).withOptions(options).compile(files);
  }

  /**
   * Asserts that {@code compilation} generated {@code qualifiedName} with exactly the text of
   * {@code expected/<simple name>.java}, or rewrites that file when {@link #UPDATE_GOLDENS} is set.
   */
  static void assertGolden(Compilation compilation, String qualifiedName) {
    String simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    String golden = "expected/" + simpleName + ".java";
    if (UPDATE_GOLDENS) {
      JavaFileObject generated = compilation.generatedSourceFile(qualifiedName)
          .orElseThrow(() -> new AssertionError("nothing generated for " + qualifiedName));
      try {
        Files.writeString(RESOURCES.resolve(golden), generated.getCharContent(false), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(compilation).generatedSourceFile(qualifiedName).contentsAsUtf8String().isEqualTo(resource(golden));
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
      assertWithMessage("resource %s on the test class path", name)
          .that(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
