package chainrule.spark;

import java.io.Serializable;

/**
 * One partition's share of a step: its rows in the batch, {@code weight × loss} and {@code weight × gradients}
 * with {@code weight = rows / batch rows}, so that the sum over partitions is the batch's mean loss and mean
 * gradient. {@code gradients} is null when the partition has no rows in this batch.
 */
record Partial(int rows, double weightedLoss, float[] gradients) implements Serializable {}
