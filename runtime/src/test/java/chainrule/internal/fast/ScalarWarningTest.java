package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.internal.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarWarning} in fresh JVMs ({@link ScalarWarningChild}), since whether it is due depends on the
 * JVM's flags: logged exactly once when large products run without {@code --add-modules
 * jdk.incubator.vector}; never for a tiny network, never when the user chose the scalar path
 * ({@code -Dchainrule.vector=false}), never when the Vector API runs; and stdout is the same in every case.
 */
class ScalarWarningTest {
  /** A line only the warning prints. */
  private static final String MARK = "the Vector API is not enabled";

  @Test
  void largeProductsWithoutTheFlagWarnOnceOnStderr() throws Exception {
    Child child = run("large");
    assertEquals("vector false\n", child.stdout, "stdout");
    assertEquals(1, count(child.stderr, MARK), "warnings in:\n" + child.stderr);
    assertTrue(child.stderr.contains("WARNING"), "logged at WARNING:\n" + child.stderr);
    assertTrue(child.stderr.contains("--add-modules jdk.incubator.vector"), "names the flag:\n" + child.stderr);
    assertTrue(child.stderr.contains("JDK_JAVA_OPTIONS"), "says how for java -jar:\n" + child.stderr);
    assertTrue(child.stderr.contains("bit-identical"), "says results do not change:\n" + child.stderr);
    assertTrue(child.stderr.contains("-Dchainrule.vector=false"), "says how to silence it:\n" + child.stderr);
  }

  @Test
  void tinyNetworksNeverWarn() throws Exception {
    Child child = run("small");
    assertEquals("vector false\n", child.stdout, "stdout");
    assertEquals("", child.stderr, "stderr");
  }

  @Test
  void choosingTheScalarPathSilencesIt() throws Exception {
    Child child = run("large", "-Dchainrule.vector=false");
    assertEquals("vector false\n", child.stdout, "stdout");
    assertEquals("", child.stderr, "stderr");
  }

  @Test
  void withTheVectorApiThereIsNothingToSay() throws Exception {
    Child child = run("large", "--add-modules=jdk.incubator.vector");
    assertEquals("vector true\n", child.stdout, "stdout");
    assertFalse(child.stderr.contains(MARK), "stderr:\n" + child.stderr);
  }

  private record Child(String stdout, String stderr) {}

  private static Child run(String size, String... flags) throws IOException, InterruptedException {
    File err = File.createTempFile("scalar-warning", ".err");
    try {
      ProcessBuilder command = ChildJvm.of(ScalarWarningChild.class, List.of(flags), size);
      Process process = command.redirectError(err).start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), "exit code of " + command.command());
      String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8)
          .replaceAll("(?m)^WARNING: Using incubator modules: jdk.incubator.vector\\R", ""); // the JVM's own
      return new Child(stdout.replace(System.lineSeparator(), "\n"), stderr);
    } finally {
      err.delete();
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
