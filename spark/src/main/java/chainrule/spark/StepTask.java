package chainrule.spark;

import chainrule.Classifier;
import chainrule.Net;
import chainrule.Trainable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * What one partition does in one step: take this step's share of its rows, set its network's parameters to
 * the broadcast ones, run the generated forward, loss and backward on them, and return {@code w × loss} and
 * {@code w × gradients}, {@code w = its rows / the batch's rows}. What it carries to the executor is small:
 * the broadcast's handle, the factory, and a few numbers.
 */
final class StepTask implements Function<Block, Partial> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<float[]> params;
  private final NetFactory<?> factory;
  private final String run;
  private final Batches batches;
  private final int epoch;
  private final int batch;

  StepTask(Broadcast<float[]> params, NetFactory<?> factory, String run, Batches batches, int epoch, int batch) {
    this.params = params;
    this.factory = factory;
    this.run = run;
    this.batches = batches;
    this.epoch = epoch;
    this.batch = batch;
  }

  @Override
  public Partial call(Block block) {
    int from = batches.from(block.partition, batch);
    int rows = batches.to(block.partition, batch) - from;
    if (rows == 0) {
      return new Partial(0, 0, null);
    }
    int batchRows = batches.rows(batch);
    ExecutorNets.Entry executor = ExecutorNets.entry(run, factory);
    Net net = executor.net();
    GradientCopy gradients = executor.gradients();
    net.setParameters(params.value());
    // w = rows / batchRows: each partition's mean loss and mean gradients, weighted by its share of the batch
    gradients.weight((float) ((double) rows / batchRows));
    int[] order = batches.shuffled() ? EpochOrders.of(run, batches, block.partition, epoch) : null;
    float[] x = slice(block.x, order, from, rows, block.inputs());
    float loss;
    try {
      if (block.labels != null) {
        int[] labels = slice(block.labels, order, from, rows);
        loss = ((Classifier) net).trainStep(x, labels, rows, gradients);
      } else {
        float[] y = slice(block.y, order, from, rows, block.y.length / block.rows);
        loss = ((Trainable) net).trainStep(x, y, rows, gradients);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("partition " + block.partition + ", epoch " + epoch + ", batch "
          + (batch + 1) + " (its rows " + from + " to " + (from + rows - 1) + "): " + e.getMessage(), e);
    }
    return new Partial(rows, (double) loss * rows / batchRows, gradients.take());
  }

  /** Rows {@code from .. from + rows} (in {@code order}, if any) of a {@code width}-wide row-major array. */
  private static float[] slice(float[] all, int[] order, int from, int rows, int width) {
    if (order == null && from == 0 && rows * width == all.length) {
      return all; // full batch: the packed rows themselves, no copy
    }
    float[] out = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      int source = order == null ? from + r : order[from + r];
      System.arraycopy(all, source * width, out, r * width, width);
    }
    return out;
  }

  private static int[] slice(int[] all, int[] order, int from, int rows) {
    if (order == null && from == 0 && rows == all.length) {
      return all;
    }
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = all[order == null ? from + r : order[from + r]];
    }
    return out;
  }
}
