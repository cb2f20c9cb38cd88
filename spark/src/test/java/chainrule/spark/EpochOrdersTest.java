package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An executor draws each partition's order once an epoch, and the order it would draw afresh. */
class EpochOrdersTest {
  private final Batches batches = new Batches(new int[] {50, 0, 30}, 8, true, 9);

  @AfterEach
  void forget() {
    EpochOrders.clear();
  }

  @Test
  void thePartitionsOrdersAreDrawnOnceAnEpoch() {
    int[] first = EpochOrders.of("run", batches, 0, 0);
    int[] other = EpochOrders.of("run", batches, 2, 0);
    assertArrayEquals(batches.order(0, 0), first);
    assertArrayEquals(batches.order(2, 0), other);
    assertSame(first, EpochOrders.of("run", batches, 0, 0), "the next step of the epoch reuses it");
    assertSame(other, EpochOrders.of("run", batches, 2, 0));
    assertArrayEquals(new int[0], EpochOrders.of("run", batches, 1, 0), "an empty partition");
  }

  @Test
  void aNewEpochOrRunDrawsAnew() {
    int[] epoch0 = EpochOrders.of("run", batches, 0, 0);
    int[] epoch1 = EpochOrders.of("run", batches, 0, 1);
    assertNotSame(epoch0, epoch1);
    assertArrayEquals(batches.order(0, 1), epoch1);
    Batches seeded = new Batches(new int[] {50, 0, 30}, 8, true, 10);
    assertArrayEquals(seeded.order(0, 1), EpochOrders.of("another run", seeded, 0, 1), "another run, its seed");
    assertArrayEquals(batches.order(0, 0), EpochOrders.of("run", batches, 0, 0), "back to an epoch: the same");
  }

  /** Found by review: two runs in one JVM evicted each other's orders on every step. */
  @Test
  void runsAtOnceKeepTheirOwnAndOldRunsAreDropped() {
    int[] a = EpochOrders.of("a", batches, 0, 0);
    int[] b = EpochOrders.of("b", batches, 0, 0);
    assertSame(a, EpochOrders.of("a", batches, 0, 0));
    assertSame(b, EpochOrders.of("b", batches, 0, 0));
    for (int run = 0; run < EpochOrders.RUNS; run++) {
      EpochOrders.of("later " + run, batches, 0, 0);
    }
    assertNotSame(a, EpochOrders.of("a", batches, 0, 0), "dropped after RUNS other runs, then drawn anew");
  }
}
