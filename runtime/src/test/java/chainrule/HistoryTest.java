package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link History#of}, which Spark's driver calls too: what it refuses, and a history it builds. */
class HistoryTest {
  private static final float[][] ONE_EPOCH = {{0.5f}};

  private static String refused(List<String> columns, float[][] values, int epochs, float[] losses, int best) {
    return assertThrows(IllegalArgumentException.class, () -> History.of(columns, values, epochs, losses,
        Monitor.LOSS, best, History.Stop.COMPLETED, null, 0)).getMessage();
  }

  @Test
  void refusesWhatItCannotHold() {
    assertEquals("columns must not be null", refused(null, ONE_EPOCH, 1, new float[1], 1));
    assertEquals("batchLosses must not be null", refused(List.of("loss"), ONE_EPOCH, 1, null, 1));
    assertEquals("epochs must be >= 0 and bestEpoch, resumedEpochs in [0, epochs]; were -1, 0, 0",
        refused(List.of("loss"), ONE_EPOCH, -1, new float[1], 0));
    assertEquals("epochs must be >= 0 and bestEpoch, resumedEpochs in [0, epochs]; were 1, 5, 0",
        refused(List.of("loss"), ONE_EPOCH, 1, new float[1], 5));
    assertEquals("monitor must not be null", assertThrows(IllegalArgumentException.class, () -> History.of(
        List.of("loss"), ONE_EPOCH, 1, new float[1], null, 1, History.Stop.COMPLETED, null, 0)).getMessage());
  }

  @Test
  void buildsACopy() {
    float[][] values = {{0.5f, 0.25f}};
    History history = History.of(List.of("loss"), values, 1, new float[] {0.5f}, Monitor.LOSS, 1,
        History.Stop.COMPLETED, null, 0);
    values[0][0] = 9;
    assertArrayEquals(new float[] {0.5f}, history.loss());
    assertEquals("quantity must not be null",
        assertThrows(IllegalArgumentException.class, () -> history.get((Monitor) null)).getMessage());
  }

  /** The CSV replaces its file atomically: a failed write (here, into a missing directory) leaves no trace. */
  @Test
  void writesItsCsvAtomically(@TempDir Path dir) throws IOException {
    History history = History.of(List.of("loss"), ONE_EPOCH, 1, new float[] {0.5f}, Monitor.LOSS, 1,
        History.Stop.COMPLETED, null, 0);
    Path csv = dir.resolve("history.csv");
    Files.writeString(csv, "old");
    history.writeCsv(csv);
    assertEquals(history.toCsv(), Files.readString(csv));
    IOException e = assertThrows(IOException.class, () -> history.writeCsv(dir.resolve("no/such/history.csv")));
    assertEquals(dir.resolve("no/such/history.csv") + ": directory " + dir.resolve("no/such")
        + " does not exist", e.getMessage());
    assertThrows(IOException.class, () -> history.writeCsv(dir));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(csv), files.toList(), "no temporary file left");
    }
  }
}
