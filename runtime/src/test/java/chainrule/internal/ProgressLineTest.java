package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  @Test
  void withoutAConsoleOneLinePerEpoch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(true, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), 3, 6);
    line.start(0);
    line.step(1, 1, 2, 1, 0.5f, 0.1f);
    line.step(1, 2, 2, 2, 0.4f, 0.1f);
    line.epoch(1, "loss 0.450000  val_loss 0.500000", 0.1f, 2, false);
    line.epoch(2, "loss 0.250000", Float.NaN, 4, true); // stopped early: it tells the time taken
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length, "steps print nothing without a console");
    assertTrue(lines[0].startsWith("epoch 1/3  loss 0.450000  val_loss 0.500000  lr 0.1000  left "), lines[0]);
    assertTrue(lines[1].startsWith("epoch 2/3  loss 0.250000  took "), lines[1]);
  }

  @Test
  void onAConsoleOneLineUpdatesInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(true, true, new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, 4);
    line.start(0);
    line.step(1, 1, 2, 1, 0.5f, 0.1f);
    line.step(1, 2, 2, 2, 0.25f, 0.1f); // the epoch's last step always draws
    line.epoch(1, "loss 0.375000", 0.1f, 2, false);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("\repoch 1/2  step 1/2  loss 0.500000  lr 0.1000"), out);
    assertTrue(out.contains("\repoch 1/2  step 2/2  loss 0.250000  lr 0.1000  left "), out);
    assertTrue(out.contains("\repoch 1/2  loss 0.375000  lr 0.1000  left "), out);
    assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "one line, kept at the epoch's end");
  }

  @Test
  void offPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(false, true, new PrintStream(bytes), 2, 4);
    line.start(0);
    line.step(1, 1, 2, 1, 0.5f, 0.1f);
    line.epoch(1, "loss 0.5", 0.1f, 2, true);
    line.end();
    assertEquals(0, bytes.size());
  }

  @Test
  void clock() {
    assertEquals("0:07", ProgressLine.clock(7));
    assertEquals("2:05", ProgressLine.clock(125));
    assertEquals("1:00:00", ProgressLine.clock(3600));
  }
}
