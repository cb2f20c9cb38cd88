package chainrule.spark;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The row orders of the partitions an executor (a JVM) steps in the current epoch of a run, so that a shuffled
 * partition's order ({@link Batches#order}, O(its rows)) is drawn once an epoch rather than once a step, and
 * held once per executor whichever of its threads takes the partition's steps: an int per row of the
 * partitions it steps. An order of another epoch or run is drawn anew in its place; any executor draws the
 * same order for the same run, epoch and partition (it depends on nothing else).
 */
final class EpochOrders {
  private record Drawn(String run, int epoch, int[] order) {}

  /** By partition: at most one order each, that of the last run and epoch that stepped it here. */
  private static final ConcurrentHashMap<Integer, Drawn> ORDERS = new ConcurrentHashMap<>();

  private EpochOrders() {}

  /** Partition {@code partition}'s order of rows in {@code epoch} of {@code run}. */
  static int[] of(String run, Batches batches, int partition, int epoch) {
    return ORDERS.compute(partition, (p, drawn) -> drawn != null && drawn.epoch() == epoch && drawn.run().equals(run)
        ? drawn : new Drawn(run, epoch, batches.order(p, epoch))).order();
  }

  /** Forgets every order (for tests). */
  static void clear() {
    ORDERS.clear();
  }
}
