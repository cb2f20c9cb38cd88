package chainrule.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The row orders of the partitions an executor (a JVM) steps in the current epoch of its runs, so that a
 * shuffled partition's order ({@link Batches#order}, O(its rows)) is drawn once an epoch rather than once a
 * step, and held once per executor whichever of its threads takes the partition's steps: an int per row. Runs
 * in one JVM at once (two fits on two driver threads) keep their own; the orders of the {@link #RUNS} runs seen
 * last are kept, older ones dropped. Any executor draws the same order for the same run, epoch and partition.
 */
final class EpochOrders {
  /** Runs whose orders are kept. */
  static final int RUNS = 4;

  private record Key(String run, int partition) {}

  private record Drawn(int epoch, int[] order) {}

  private static final Map<Key, Drawn> ORDERS = new HashMap<>();
  private static final Deque<String> RECENT = new ArrayDeque<>(); // runs, the last seen first

  private EpochOrders() {}

  /** Partition {@code partition}'s order of rows in {@code epoch} of {@code run}. */
  static synchronized int[] of(String run, Batches batches, int partition, int epoch) {
    if (!run.equals(RECENT.peekFirst())) {
      RECENT.remove(run);
      RECENT.addFirst(run);
      while (RECENT.size() > RUNS) {
        String dropped = RECENT.removeLast();
        ORDERS.keySet().removeIf(key -> key.run().equals(dropped));
      }
    }
    Key key = new Key(run, partition);
    Drawn drawn = ORDERS.get(key);
    if (drawn == null || drawn.epoch() != epoch) {
      drawn = new Drawn(epoch, batches.order(partition, epoch));
      ORDERS.put(key, drawn);
    }
    return drawn.order();
  }

  /** Forgets every order (for tests). */
  static synchronized void clear() {
    ORDERS.clear();
    RECENT.clear();
  }
}
