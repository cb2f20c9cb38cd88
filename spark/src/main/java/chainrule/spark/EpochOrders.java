package chainrule.spark;

/**
 * The row orders one executor thread has drawn in the current epoch of a run, one per partition it has stepped,
 * so that a shuffled partition's order ({@link Batches#order}, O(its rows)) is drawn once an epoch rather than
 * once a step. A new epoch drops the last one's orders. Another thread that gets the same partition draws the
 * same order: it depends only on the run's seed, the epoch and the partition.
 */
final class EpochOrders {
  private int epoch = -1;
  private int[][] orders; // by partition; null where this thread has not drawn it this epoch

  /** Partition {@code partition}'s order of rows in {@code epoch}, drawn at its first step on this thread. */
  int[] of(Batches batches, int partition, int epoch) {
    if (epoch != this.epoch || orders == null || orders.length != batches.partitions()) {
      this.epoch = epoch;
      orders = new int[batches.partitions()][];
    }
    if (orders[partition] == null) {
      orders[partition] = batches.order(partition, epoch);
    }
    return orders[partition];
  }
}
