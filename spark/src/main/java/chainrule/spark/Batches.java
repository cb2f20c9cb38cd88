package chainrule.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * How an epoch's rows are cut into steps, deterministically, from the partition sizes alone. With
 * {@code K = ⌈rows / batchSize⌉} steps per epoch, step {@code k} takes from every partition {@code p} (of
 * {@code n_p} rows) its rows {@code ⌊(k·n_p + o_p) / K⌋ .. ⌊((k+1)·n_p + o_p) / K⌋ - 1}: the k-th of K
 * near-equal slices, in the partition's order or, with shuffling, in an order drawn per epoch and partition.
 * The offset {@code o_p = (n_0 + … + n_(p-1)) mod K} staggers where each partition rounds: without it, many
 * small partitions (say 35 of 4 rows, K = 9) would all put their rows into the same few steps (4 steps of 35
 * rows, 5 empty), as if they were one. Every row is used once per epoch, a step has about {@code rows / K ≤
 * batchSize} rows (each partition's share rounded, so a step can pass batchSize by less than the number of
 * partitions), and the steps do not depend on how many executors there are or which runs what. Full batch is
 * {@code K = 1}: every row in every step. With one partition the slices are those of a sequential loader
 * whenever batchSize divides the rows.
 */
final class Batches implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] sizes; // rows per partition, in partition order
  private final int[] offsets; // o_p: the rows before partition p, mod K
  private final int steps; // K
  private final boolean shuffled;
  private final long seed;
  private final int[] rows; // rows of each step

  Batches(int[] sizes, int batchSize, boolean shuffled, long seed) {
    long total = 0;
    for (int size : sizes) {
      total += size;
    }
    this.sizes = sizes.clone();
    this.steps = (int) Math.min(total, (total + batchSize - 1) / batchSize);
    this.shuffled = shuffled && steps > 1; // one step takes every row: the order would change nothing but sums
    this.seed = seed;
    this.offsets = new int[sizes.length];
    long before = 0;
    for (int p = 0; p < sizes.length; p++) {
      offsets[p] = steps > 0 ? (int) (before % steps) : 0;
      before += sizes[p];
    }
    this.rows = new int[steps];
    for (int k = 0; k < steps; k++) {
      for (int p = 0; p < sizes.length; p++) {
        rows[k] += to(p, k) - from(p, k);
      }
    }
  }

  /** Steps per epoch, counting those that would be empty (tiny partitions, many steps): {@link #rows} 0. */
  int steps() {
    return steps;
  }

  /** Steps per epoch that have rows. */
  int nonEmptySteps() {
    int n = 0;
    for (int r : rows) {
      n += r > 0 ? 1 : 0;
    }
    return n;
  }

  /** Rows in step {@code k}. */
  int rows(int k) {
    return rows[k];
  }

  /** The first row of partition {@code partition} in step {@code k}: 0 for k = 0, since o_p < K. */
  int from(int partition, int k) {
    return (int) (((long) k * sizes[partition] + offsets[partition]) / steps);
  }

  /** One past its last row in step {@code k}: {@code n_p} for k = K - 1. */
  int to(int partition, int k) {
    return from(partition, k + 1);
  }

  boolean shuffled() {
    return shuffled;
  }

  /** Partitions, empty ones included. */
  int partitions() {
    return sizes.length;
  }

  /**
   * Epoch {@code epoch}'s order of partition {@code partition}'s rows: a Fisher-Yates shuffle from a generator
   * seeded by the run's seed, the epoch and the partition, so it depends on nothing but those (not on which
   * executor draws it). O(rows of the partition): each executor draws it once an epoch ({@link EpochOrders}).
   */
  int[] order(int partition, int epoch) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch * 7_919L + partition);
    int[] order = new int[sizes[partition]];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
