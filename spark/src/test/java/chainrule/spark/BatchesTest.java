package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How {@link Batches} cuts an epoch into steps: no Spark needed, only partition sizes. */
class BatchesTest {
  @Test
  void manySmallPartitionsSpreadTheirRowsOverEveryStep() {
    int[] sizes = new int[35];
    Arrays.fill(sizes, 4); // 140 rows, batch 16: 9 steps (without staggering: 4 steps of 35 rows, 5 empty)
    Batches batches = new Batches(sizes, 16, false, 0);
    assertEquals(9, batches.steps());
    assertEquals(9, batches.nonEmptySteps());
    for (int k = 0; k < 9; k++) {
      assertTrue(batches.rows(k) >= 15 && batches.rows(k) <= 16, "step " + k + " has " + batches.rows(k) + " rows");
    }
  }

  @Test
  void oneRowPartitionsMakeEqualSteps() {
    int[] sizes = new int[100];
    Arrays.fill(sizes, 1);
    Batches batches = new Batches(sizes, 10, false, 0);
    for (int k = 0; k < 10; k++) {
      assertEquals(10, batches.rows(k), "step " + k);
    }
  }

  @Test
  void onePartitionTakesSequentialBatchesWhenTheSizeDividesTheRows() {
    Batches batches = new Batches(new int[] {140}, 35, false, 0);
    for (int k = 0; k < 4; k++) {
      assertEquals(35 * k, batches.from(0, k));
      assertEquals(35 * (k + 1), batches.to(0, k));
    }
  }

  @Test
  void everyRowOnceAndStepsNearTheBatchSizeOnRandomLayouts() {
    SplittableRandom random = new SplittableRandom(12);
    for (int trial = 0; trial < 2000; trial++) {
      int[] sizes = new int[1 + random.nextInt(40)];
      for (int p = 0; p < sizes.length; p++) {
        sizes[p] = random.nextInt(60); // empty partitions too
      }
      int total = Arrays.stream(sizes).sum();
      if (total == 0) {
        continue;
      }
      int batchSize = 1 + random.nextInt(80);
      Batches batches = new Batches(sizes, batchSize, false, 0);
      for (int p = 0; p < sizes.length; p++) {
        assertEquals(0, batches.from(p, 0));
        assertEquals(sizes[p], batches.to(p, batches.steps() - 1));
        for (int k = 0; k < batches.steps(); k++) {
          assertTrue(batches.from(p, k) <= batches.to(p, k));
        }
      }
      int sum = 0;
      for (int k = 0; k < batches.steps(); k++) {
        sum += batches.rows(k);
        assertTrue(batches.rows(k) < batchSize + sizes.length, Arrays.toString(sizes) + ", batch " + batchSize
            + ": step " + k + " has " + batches.rows(k) + " rows");
      }
      assertEquals(total, sum);
    }
  }

  @Test
  void anEpochsOrderIsAPermutationFixedByTheSeedTheEpochAndThePartition() {
    Batches batches = new Batches(new int[] {10, 7}, 4, true, 42);
    // pinned: a checkpointed run resumed later, or on another executor, must draw the same orders
    assertArrayEquals(new int[] {8, 9, 3, 4, 5, 2, 0, 6, 7, 1}, batches.order(0, 1));
    assertArrayEquals(new int[] {0, 6, 1, 2, 5, 4, 3}, batches.order(1, 1));
    assertArrayEquals(new int[] {0, 3, 7, 8, 9, 4, 1, 2, 5, 6}, batches.order(0, 2));
    Batches big = new Batches(new int[] {1000}, 10, true, 3);
    int[] sorted = big.order(0, 5);
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i], "every row once");
    }
  }
}
