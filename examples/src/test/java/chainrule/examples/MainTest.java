package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @Test
  void theLectureRunsTheProgramsBeforeItAndTheOthersComeAfter() {
    List<String> names = new ArrayList<>(Main.programs().keySet());
    int lecture = names.indexOf("lecture");
    assertEquals(List.of("xor", "xor-nn", "xor-nn-wide-deep", "xor-backprop", "compare"), names.subList(0, lecture));
    assertEquals(List.of("bench", "first-step", "paired-steps", "breast-cancer", "xor-boundary", "mnist-softmax",
        "mnist-nn", "mnist-nn-xavier", "mnist-nn-deep", "mnist-nn-dropout", "mnist-batchnorm", "mnist-backprop",
        "compare-mnist"), names.subList(lecture + 1, names.size()));
  }

  @Test
  void aMissingDataFolderIsOneClearLineAndStatusOneNotAStackTrace(@TempDir Path empty) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"mnist-softmax", "--data", empty.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, message);
    assertTrue(message.startsWith("mnist-softmax: --data " + empty), message);
    assertEquals(1, message.lines().count(), message);
    assertFalse(message.contains("\tat "), message);
  }

  @Test
  void anUnknownProgramIsStatusTwoWithTheList() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"xor-nnn"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown program: xor-nnn"));
  }

  @Test
  void pairedStepsSaysInOneLineWhichBuildIsMissingOrUnfit(@TempDir Path empty) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"paired-steps", "--b", empty.toString()}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertEquals("paired-steps: needs --a JAR: a build of chainrule-examples.jar",
        err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    Path missing = empty.resolve("old.jar");
    status = Main.run(new String[] {"paired-steps", "--a", missing.toString(), "--b", empty.toString()},
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertEquals("paired-steps: --a " + missing + ": no such file (build it with mvn -B package -DskipTests)",
        err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    // a folder without the program, as a build from before it: refused before any JVM starts
    String build = System.getProperty("java.class.path");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    status = Main.run(new String[] {"paired-steps", "--a", build, "--b", empty.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("paired-steps: --b [" + empty.toUri().toURL() + "] has no chainrule.examples.bench.PairedSteps"
        + ".stepper: build it from a commit that has paired-steps", err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void pairedStepsChildPrintsTheMeanStepOfEachBuild() throws Exception {
    String build = System.getProperty("java.class.path");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"paired-steps", "--child", "--a", build, "--b", build, "--case", "xor",
        "--steps", "30"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, status);
    String[] ms = out.toString(StandardCharsets.UTF_8).strip().split(" ");
    assertEquals(2, ms.length, out.toString(StandardCharsets.UTF_8));
    for (String m : ms) {
      double value = Double.parseDouble(m);
      assertTrue(value > 0 && Double.isFinite(value), "a step of xor in ms: " + value);
    }
  }

  @Test
  void firstStepsOptionsAreCheckedLikeTheOtherPrograms() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"first-step", "--runs"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertEquals("first-step: --runs needs a value (first-step takes [--runs N] [--steps N] [--case ID] [--child]), "
        + "was given none", err.toString(StandardCharsets.UTF_8).strip());
  }

  /** Runs {@code args}; returns the status, then what went to out and to err. */
  private static List<String> main(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return List.of(String.valueOf(status), out.toString(StandardCharsets.UTF_8).strip(),
        err.toString(StandardCharsets.UTF_8).strip());
  }

  /** Found by a probe: the lecture's programs ignored their arguments (compare --sourc ran the comparison). */
  @Test
  void everyProgramRefusesWhatItDoesNotTakeBeforeItRuns() throws Exception {
    assertEquals(List.of("1", "", "xor: xor takes no options, was given --bogus"), main("xor", "--bogus"));
    assertEquals(List.of("1", "", "compare: compare takes --source, was given --sourc"), main("compare", "--sourc"));
    assertEquals(List.of("1", "", "lecture: lecture takes no options, was given x"), main("lecture", "x"));
    assertEquals(List.of("1", "", "bench: --rounds must be an integer > 0 and <= 1000, was 0"),
        main("bench", "--rounds", "0"));
    assertTrue(main("bench", "--only", "xor,bogus").get(2).startsWith("bench: --only takes a comma-separated list of "
        + "peak, xor-hand, xor,"));
    assertEquals(List.of("1", "", "xor-boundary: --out must be a path, was \"\""), main("xor-boundary", "--out", ""));
    assertEquals(List.of("1", "", "mnist-softmax: --epochs must be an integer > 0 and <= 100000, was 2147483647"),
        main("mnist-softmax", "--epochs", "2147483647"));
    assertEquals(List.of("1", "", "first-step: unknown case bogus; the cases are xor, xor-wide-deep, medium, large, "
        + "mnist-nn"), main("first-step", "--child", "--case", "bogus"));
  }

  @Test
  void helpIsUsageOnStandardOutputAndStatusZero() throws Exception {
    List<String> top = main("--help");
    assertEquals("0", top.get(0));
    assertTrue(top.get(1).startsWith("usage: java -jar chainrule-examples.jar <program> [options]\nprograms: xor, "),
        top.get(1));
    assertEquals(List.of("0", "usage: java -jar chainrule-examples.jar xor-nn (no options)", ""),
        main("xor-nn", "--help"));
    assertEquals(List.of("0", "usage: java -jar chainrule-examples.jar mnist-nn [--data DIR, --epochs N, --threads N]",
        ""), main("mnist-nn", "-h"));
  }

  /** A file system's exception names only the path; the message says what is wrong with it. */
  @Test
  void anOutputPlaceThatCannotBeADirectoryIsSaidBeforeTraining(@TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "");
    assertEquals(List.of("1", "", "xor-boundary: " + file + ": exists, and is not a directory"),
        main("xor-boundary", "--out", file.toString()));
  }
}
