package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link StepLosses} and {@link Columns} grow past their first capacity, never past the run's length. */
class GrowingHistoryTest {
  @Test
  void stepLossesKeepEveryStepAsTheyGrow() {
    StepLosses losses = new StepLosses(300_000);
    for (int step = 0; step < 300_000; step++) {
      losses.set(step, step);
    }
    float[] all = losses.first(300_000);
    for (int step = 0; step < all.length; step++) {
      assertEquals(step, all[step], "step " + step);
    }
    assertEquals(300_000, losses.maxSteps());
  }

  @Test
  void aBackupsLossesRestoreBeyondTheFirstCapacity() {
    StepLosses losses = new StepLosses(100_000);
    float[] written = new float[90_000];
    for (int i = 0; i < written.length; i++) {
      written[i] = -i;
    }
    losses.restore(written);
    losses.set(90_000, 7f);
    float[] all = losses.first(90_001);
    assertEquals(-89_999f, all[89_999]);
    assertEquals(7f, all[90_000]);
  }

  @Test
  void columnsGrowWithTheEpochsUpToTheRunsLength() {
    Columns columns = new Columns(true, false, true, true, 3000);
    for (int epoch = 0; epoch < 3000; epoch++) {
      columns.set(columns.loss, epoch, epoch);
      columns.set(columns.lr, epoch, -epoch);
    }
    for (float[] column : columns.values) {
      assertEquals(3000, column.length, "every column grown, not past the 3000 epochs");
    }
    assertEquals(2999f, columns.values[columns.loss][2999]);
    assertEquals(-1234f, columns.values[columns.lr][1234]);
    assertEquals(0f, columns.values[columns.valLoss][2999], "a column not yet set this epoch is grown with the rest");
    Columns small = new Columns(false, false, false, false, 3);
    assertTrue(small.values[small.loss].length == 3);
  }
}
