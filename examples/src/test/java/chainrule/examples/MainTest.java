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
    assertEquals(List.of("bench", "first-step", "breast-cancer", "xor-boundary", "mnist-softmax", "mnist-nn", "mnist-nn-xavier",
        "mnist-nn-deep", "mnist-nn-dropout", "mnist-batchnorm", "mnist-backprop",
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
  void firstStepsOptionsAreCheckedLikeTheOtherPrograms() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"first-step", "--runs"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertEquals("first-step: --runs needs a value (first-step takes [--runs N] [--steps N] [--case ID] [--child]), "
        + "was given none", err.toString(StandardCharsets.UTF_8).strip());
  }
}
