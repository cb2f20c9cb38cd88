package chainrule.spark;

import chainrule.Data;
import chainrule.DivergenceException;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Monitor;
import chainrule.Net;
import chainrule.Optimizer;
import chainrule.Status;
import chainrule.internal.Best;
import chainrule.internal.Columns;
import chainrule.internal.FitRules;
import chainrule.internal.StepLosses;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's loop: for each epoch, for each step, broadcast the parameters, run the step on every partition
 * (one Spark job), add the partitions' weighted losses and gradients up in partition order, and let the
 * optimizer update the parameters; then the epoch's loss, validation, schedule, early stopping, listeners and
 * progress, as {@code fit} does on one JVM.
 */
final class SparkRun implements Status {
  private final Net net;
  private final NetFactory<?> factory;
  private final JavaRDD<Block> blocks;
  private final JavaSparkContext spark;
  private final Batches batches;
  private final Fit fit;
  private final Optimizer optimizer;
  private final float[] params; // the parameters the optimizer updates, on the driver
  private final double[] sum; // the gradients being added up, in double
  private final float[] grads;
  private final String run = UUID.randomUUID().toString(); // tells executor threads a new run has begun
  private final Data validation;
  private final Monitor monitor;
  private final boolean hasRate;
  private final Columns columns; // loss, val_loss, lr
  private final StepLosses batchLosses;
  private final float[] bestParams; // null unless restoreBest

  private int epoch;
  private int batch;
  private long steps;
  private float lastLoss = Float.NaN;
  private boolean stopRequested;
  private History.Stop stopReason = History.Stop.COMPLETED;
  private int epochsDone;
  private final Best best;

  SparkRun(Net net, NetFactory<?> factory, JavaRDD<Block> blocks, Batches batches, Fit fit) {
    this.net = net;
    this.factory = factory;
    this.blocks = blocks;
    this.spark = JavaSparkContext.fromSparkContext(blocks.context());
    this.batches = batches;
    this.fit = fit;
    this.optimizer = fit.optimizer();
    this.params = DriverParameters.of(net);
    this.sum = new double[params.length];
    this.grads = new float[params.length];
    this.validation = fit.validation();
    this.monitor = FitRules.monitor(fit, validation != null);
    if (monitor.validation() && validation == null) {
      throw new IllegalArgumentException("monitor " + monitor + " needs Fit.validation(Data)");
    }
    this.hasRate = FitRules.tellsRate(optimizer);
    this.columns = new Columns(false, false, validation != null, hasRate, fit.epochs());
    this.batchLosses = new StepLosses((long) fit.epochs() * batches.nonEmptySteps());
    // the mode Fit.monitor(monitor, mode) gives, else the monitor's own
    this.best = new Best(fit.mode() != null ? fit.mode() : monitor.mode(), fit.minDelta());
    this.bestParams = fit.restoreBest() ? new float[params.length] : null;
    optimizer.bind(params); // an optimizer with state (Adam) keeps it for these parameters, on the driver
  }

  History train() {
    double base = hasRate ? optimizer.learningRate() : Double.NaN;
    try {
      return train(base);
    } finally {
      if (fit.schedule() != null) {
        optimizer.setLearningRate((float) base); // as net.fit does: the same Fit trains the same way again
      }
    }
  }

  private History train(double base) {
    long started = System.nanoTime();
    while (!stopRequested && epochsDone < fit.epochs()) {
      epoch = epochsDone + 1;
      if (fit.schedule() != null) {
        optimizer.setLearningRate((float) fit.schedule().rate(epochsDone, base));
      }
      double lossRows = 0;
      long rows = 0;
      batch = 0;
      for (int k = 0; k < batches.steps() && !stopRequested; k++) {
        if (batches.rows(k) == 0) {
          continue;
        }
        batch++;
        float loss = step(k);
        lossRows += (double) loss * batches.rows(k);
        rows += batches.rows(k);
        for (Listener listener : fit.listeners()) {
          listener.batchEnd(this);
        }
      }
      epochEnd((float) (lossRows / rows), started);
    }
    if (bestParams != null && best.epoch() > 0) {
      System.arraycopy(bestParams, 0, params, 0, params.length);
    }
    net.setParameters(params);
    return history();
  }

  /** One synchronous step: returns the batch's mean loss, before the update. */
  private float step(int k) {
    Broadcast<float[]> shared = spark.broadcast(params.clone());
    List<Partial> partials;
    try {
      StepTask task = new StepTask(shared, factory, run, batches, epoch, k);
      partials = SparkErrors.unwrap(() -> blocks.map(task).collect()); // in partition order
    } finally {
      shared.destroy();
    }
    // Σ over partitions, in partition order, in double, rounded once: the same sum every run
    Arrays.fill(sum, 0);
    double loss = 0;
    for (Partial partial : partials) {
      if (partial.rows() == 0) {
        continue;
      }
      loss += partial.weightedLoss();
      float[] g = partial.gradients();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += g[i];
      }
    }
    int bad = -1;
    for (int i = 0; i < grads.length; i++) {
      grads[i] = (float) sum[i];
      if (bad < 0 && !Float.isFinite(grads[i])) {
        bad = i;
      }
    }
    float batchLoss = (float) loss;
    if (!Float.isFinite(batchLoss) || bad >= 0) {
      net.setParameters(params);
      // the same exception as net.fit's, so one catch serves both; the driver knows the flat index, not the block
      throw new DivergenceException("training diverged at epoch " + epoch + ", batch " + batch + " (step "
          + (steps + 1) + "): the loss is " + batchLoss + (bad >= 0 ? ", gradient " + bad + " is " + grads[bad] : "")
          + "; the network has the parameters before this step"
          + (hasRate ? "; try a smaller learning rate than " + optimizer.learningRate() : ""),
          epoch, batch, steps + 1, bad >= 0 ? "params[" + bad + "]" : null, history());
    }
    optimizer.step(params, grads);
    batchLosses.set(steps, batchLoss);
    steps++;
    lastLoss = batchLoss;
    return batchLoss;
  }

  private void epochEnd(float loss, long started) {
    int e = epoch - 1;
    columns.set(columns.loss, e, loss);
    float valLoss = Float.NaN;
    if (validation != null) {
      net.setParameters(params);
      valLoss = net.evaluate(validation).loss();
      columns.set(columns.valLoss, e, valLoss);
    }
    columns.set(columns.lr, e, hasRate ? optimizer.learningRate() : Float.NaN);
    float monitored = monitor == Monitor.VAL_LOSS ? valLoss : loss;
    if (best.offer(monitored, epoch) && bestParams != null) {
      System.arraycopy(params, 0, bestParams, 0, params.length);
    }
    epochsDone = epoch;
    if (fit.patience() > 0 && best.waited() >= fit.patience() && !stopRequested) {
      stopRequested = true;
      stopReason = History.Stop.EARLY_STOPPING;
    }
    net.setParameters(params); // listeners see the network as it is now
    for (Listener listener : fit.listeners()) {
      listener.epochEnd(this);
    }
    if (fit.progress()) {
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("epoch %d/%d  loss %.6f%s  %d steps, %.1f s%n", epoch, fit.epochs(), loss,
          validation != null ? String.format("  val_loss %.6f", valLoss) : "", steps, seconds);
    }
  }

  // Status, as listeners see it.

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public int epochs() {
    return fit.epochs();
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public int batches() {
    return batches.nonEmptySteps();
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public float batchLoss() {
    return lastLoss;
  }

  @Override
  public float learningRate() {
    return hasRate ? optimizer.learningRate() : Float.NaN;
  }

  @Override
  public History history() {
    return History.of(columns.names(), columns.values, epochsDone, batchLosses.first(steps), monitor, best.epoch(),
        stopReason, null, 0);
  }

  @Override
  public void stop() {
    if (!stopRequested) {
      stopRequested = true;
      stopReason = History.Stop.LISTENER;
    }
  }
}
