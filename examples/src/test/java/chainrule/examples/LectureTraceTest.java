package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The lecture programs against PyTorch's printed losses (src/test/resources/traces, copied from the
 * reference runs). Tolerances are PyTorch's own against the lecture: two PyTorch builds agree on xor-nn
 * within 2e-5 relative, and on wide-deep within 1 ulp up to step ~4500, drifting to ~1e-3 by step 10000.
 */
class LectureTraceTest {

  @Test
  void xorNnFollowsTheLecture() {
    Output run = run("xor-nn");
    Map<Integer, Double> lecture = trace("/traces/lecture_xor_nn.txt");
    assertEquals(101, run.losses().size(), "printed losses");
    assertClose(lecture.get(0), run.losses().get(0), 1e-7, 0, "step 0");
    for (Map.Entry<Integer, Double> step : lecture.entrySet()) {
      assertClose(step.getValue(), run.losses().get(step.getKey()), 0, 1e-4, "step " + step.getKey());
    }
    assertEquals(List.of("Correct:  [[0.]", " [1.]", " [1.]", " [0.]] ", "Accuracy:  1.0"), run.tail(5));
  }

  @Test
  void wideDeepFollowsTheLecture() {
    Output run = run("xor-nn-wide-deep");
    Map<Integer, Double> lecture = trace("/traces/lecture_xor_nn_wide_deep.txt");
    assertClose(lecture.get(0), run.losses().get(0), 1e-7, 0, "step 0");
    for (int step = 0; step <= 4000; step += 100) {
      assertClose(lecture.get(step), run.losses().get(step), 0, 1e-4, "step " + step);
    }
    assertClose(lecture.get(10_000), run.losses().get(10_000), 0, 0.02, "step 10000");
    assertEquals("Accuracy:  1.0", run.tail(1).get(0));
  }

  @Test
  void singlePerceptronFailsLikeTheLecture() {
    Output run = run("xor");
    Map<Integer, Double> torch = trace("/traces/torch113_xor.txt");
    assertClose(torch.get(0), run.losses().get(0), 1e-7, 0, "step 0");
    assertEquals(0.6931471824645996, run.losses().get(10_000), 1e-7, "stuck at ln 2");
    assertEquals("Accuracy:  0.5", run.tail(1).get(0));
  }

  @Test
  void handWrittenBackpropFollowsPyTorchRunningTheSlide() {
    Output run = run("xor-backprop");
    Map<Integer, Double> torch = trace("/traces/torch113_xor_backprop_linear_init.txt");
    assertClose(torch.get(0), run.losses().get(0), 1e-7, 0, "step 0");
    for (Map.Entry<Integer, Double> step : torch.entrySet()) {
      assertClose(step.getValue(), run.losses().get(step.getKey()), 0, 1e-3, "step " + step.getKey());
    }
    assertEquals("Accuracy:  1.0", run.tail(1).get(0));
  }

  @Test
  void everyProgramPrintsTheLecturesReportBlock() {
    for (String program : List.of("xor", "xor-nn", "xor-nn-wide-deep", "xor-backprop")) {
      List<String> lines = run(program).lines();
      int hypothesis = lines.indexOf("") + 1;
      assertTrue(lines.get(hypothesis).startsWith("Hypothesis:  [["), program + ": " + lines.get(hypothesis));
      assertTrue(lines.get(hypothesis + 4).startsWith("Correct:  [["), program);
      assertTrue(lines.get(hypothesis + 8).startsWith("Accuracy:  "), program);
    }
  }

  /** What a program printed: its {@code step loss} lines and the rest. */
  record Output(List<String> lines, Map<Integer, Double> losses) {
    List<String> tail(int n) {
      return lines.subList(lines.size() - n, lines.size());
    }
  }

  static Output run(String program) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Main.programs().get(program).run(new String[0], out);
    } catch (Exception e) {
      throw new AssertionError(program + " failed", e);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    return new Output(lines, losses(lines));
  }

  static Map<Integer, Double> trace(String resource) {
    try (InputStream in = LectureTraceTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(resource + " is not on the test classpath");
      }
      return losses(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code step loss} lines, by step. */
  private static Map<Integer, Double> losses(List<String> lines) {
    Map<Integer, Double> losses = new TreeMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && parts[0].matches("\\d+")) {
        losses.put(Integer.parseInt(parts[0]), Double.parseDouble(parts[1]));
      }
    }
    return losses;
  }

  private static void assertClose(Double expected, Double actual, double absolute, double relative, String what) {
    if (expected == null || actual == null) {
      fail(what + ": missing, expected " + expected + " and got " + actual);
    }
    double diff = Math.abs(expected - actual);
    double allowed = Math.max(absolute, relative * Math.abs(expected));
    if (diff > allowed) {
      fail(String.format("%s: expected %s, got %s; diff %.3g > %.3g (rel %.3g)", what, expected, actual, diff,
          allowed, diff / Math.abs(expected)));
    }
  }
}
