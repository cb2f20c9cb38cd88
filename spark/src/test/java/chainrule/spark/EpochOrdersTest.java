package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** An executor thread draws each partition's order once an epoch, and the order it would draw afresh. */
class EpochOrdersTest {
  private final Batches batches = new Batches(new int[] {50, 0, 30}, 8, true, 9);

  @Test
  void thePartitionsOrdersAreDrawnOnceAnEpoch() {
    EpochOrders orders = new EpochOrders();
    int[] first = orders.of(batches, 0, 0);
    int[] other = orders.of(batches, 2, 0);
    assertArrayEquals(batches.order(0, 0), first);
    assertArrayEquals(batches.order(2, 0), other);
    assertSame(first, orders.of(batches, 0, 0), "the next step of the epoch reuses it");
    assertSame(other, orders.of(batches, 2, 0));
    assertArrayEquals(new int[0], orders.of(batches, 1, 0), "an empty partition");
  }

  @Test
  void aNewEpochDrawsNewOrders() {
    EpochOrders orders = new EpochOrders();
    int[] epoch0 = orders.of(batches, 0, 0);
    int[] epoch1 = orders.of(batches, 0, 1);
    assertNotSame(epoch0, epoch1);
    assertArrayEquals(batches.order(0, 1), epoch1);
    assertArrayEquals(batches.order(2, 1), orders.of(batches, 2, 1));
    assertArrayEquals(batches.order(0, 0), orders.of(batches, 0, 0), "back to an epoch: drawn again, the same");
  }
}
