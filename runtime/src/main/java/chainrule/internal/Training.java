package chainrule.internal;

import chainrule.Data;
import chainrule.DivergenceException;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Metric;
import chainrule.Monitor;
import chainrule.Optimizer;
import chainrule.Status;
import chainrule.TorchGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The training loop's policy, written once for every generated network: the order of the rows (PyTorch's
 * {@code DataLoader}), the batches, validation, metrics, history, listeners, schedules, early stopping,
 * saving, progress, backup and resume, and the check for a loss that is no longer finite. The generated
 * {@code fit} is the loop itself, with the network's constants, and reads like the lecture's
 * {@code for epoch ...: for X, Y in data_loader:}:
 *
 * <pre>
 * public History fit(Data train, Fit fit) {
 *   Training run = Training.begin(train, fit, Trainee.ofTargets(LAYOUT, params, grads, generator,
 *       this::forwardPass, () -&gt; a2, (p, y, rows) -&gt; Kernels.bceForward(p, y, rows * OUTPUTS)));
 *   float[] X = run.batchFeatures();          // batch rows × INPUTS, allocated once
 *   float[] Y = run.batchTargets();           // batch rows × OUTPUTS (int[] L = run.batchLabels() for CE)
 *   while (run.nextEpoch()) {                 // for epoch in range(epochs): the loader draws its seeds here
 *     while (run.nextBatch()) {               //   for X, Y in data_loader:
 *       int rows = run.gather(X, Y);          //     this batch's rows, in the epoch's order
 *       float cost = backprop(X, Y, rows);    //     cost = criterion(model(X), Y); cost.backward()
 *       run.step(cost, rows);                 //     optimizer.step(); the loss into the history
 *     }
 *     run.epochEnd();                         //   validation, metrics, schedule, early stopping, backup
 *   }
 *   return run.end();
 * }
 * </pre>
 *
 * where {@code LAYOUT} is a constant ({@code new Layout(ARCHITECTURE, INPUTS, OUTPUTS,
 * Layout.Targets.PROBABILITIES, PARAMETER_NAMES, PARAMETER_OFFSETS)}), {@code forwardPass(X, rows)} the
 * network's forward pass in evaluation mode (no dropout), leaving its predictions in {@code a2}, and
 * {@code backprop(X, Y, rows)} forward, loss and backward without argument checks: {@link #begin} has
 * checked every row once, and the batch buffers are longer than a short last batch. The driver steps the
 * optimizer itself, after checking the loss and the gradients, so a non-finite step never reaches the
 * parameters or the optimizer's moments. {@code generator} is the {@code TorchGenerator} that
 * initialised the network, kept in a field: shuffles (and dropout masks) draw from it after the
 * initialisation, as PyTorch's draw from its global generator.
 *
 * <p>A cross-entropy network is the same loop with labels: {@code Trainee.ofLabels(LAYOUT, ...,
 * (logits, labels, rows) -> <its loss>)}, {@code int[] L = run.batchLabels()}, {@code run.gather(X, L)},
 * {@code backprop(X, L, rows)}, and {@code Layout.Targets.CLASSES} in its layout ({@code OUTPUTS} classes).
 * Inference goes through {@link Inference}: {@code Inference.forward(x, rows, LAYOUT, this::forwardPass,
 * () -> a2)} in bounded chunks, {@code Inference.evaluate(data, network)} for loss and metrics.
 *
 * <p>Nothing is allocated per step or per epoch (with progress off and no listeners, backup or saving):
 * {@link #begin} allocates the batch buffers, the permutation, the history and a copy of the parameters.
 */
public final class Training implements Status {
  // What the run is: fixed by begin.
  private final Trainee net;
  private final Layout layout;
  private final Optimizer optimizer;
  private final Data train;
  private final Data validation;
  private final int rows;
  private final int batchRows;
  private final int batches;
  private final int epochs;
  private final boolean shuffle;
  private final int[] order; // the epoch's permutation; null in file order
  private final TorchGenerator sampler = new TorchGenerator(0); // the DataLoader sampler's generator, reseeded
  private final float[] batchX;
  private final float[] batchY;
  private final int[] batchLabels;
  private final Listener[] listeners;
  /** The fit whose listeners this thread is in, if any ({@link #refuseReentry}). */
  private static final ThreadLocal<Training> LISTENING = new ThreadLocal<>();
  /** While this fit's listeners run: the fit whose listeners started this one, or null. */
  private Training listeningOuter;
  private final Monitor monitor;
  private final Best best;
  private final int patience;
  private final float[] bestParams; // the best epoch's parameters, kept when restoreBest or saveBest; else null
  private final float[] bestRunning; // and its running statistics (BatchNorm1d's), with bestParams; else null
  private final boolean restoreBest;
  private final Path saveBest;
  private final int saveEvery;
  private final Path saveEveryFile;
  private final RateSchedule schedule; // null without one
  private final boolean hasRate;
  private final Scores trainScores; // null without metrics
  private final Scores validationScores; // null without validation metrics
  private final Columns columns;
  private final int monitorColumn;
  private final StepLosses batchLosses;
  private final float[] lastGood; // the parameters at the end of the last good epoch
  private final float[] lastGoodRunning; // and the running statistics
  private final ProgressLine progress;
  private final TrainingState backup; // null without Fit.backup

  // Where the run is.
  private int epochsDone;
  private int epoch; // the epoch running, from 1
  private int batch; // batches taken in this epoch
  private long steps;
  private long goodSteps; // steps at the end of the last good epoch
  private double epochLossSum;
  private long epochRows;
  private float lastLoss = Float.NaN;
  private boolean stopRequested;
  private History.Stop stopReason = History.Stop.COMPLETED;
  private int resumedEpochs;

  private Training(Data train, Data validation, Fit fit, Trainee net) {
    this.net = net;
    this.layout = net.layout;
    this.optimizer = fit.optimizer();
    this.train = train;
    this.validation = validation;
    this.rows = train.rows();
    this.epochs = fit.epochs();
    int requested = fit.batchSize() == 0 ? rows : fit.batchSize();
    this.batchRows = Math.min(requested, rows);
    this.batches = (int) (fit.dropLast() ? rows / requested : ((long) rows + requested - 1) / requested);
    this.shuffle = fit.shuffle();
    this.order = shuffle ? new int[rows] : null;
    // validation runs through the same buffers, in chunks of up to Inference.CHUNK_ROWS rows
    int bufferRows = validation == null ? batchRows
        : Math.max(batchRows, Math.min(validation.rows(), Inference.CHUNK_ROWS));
    this.batchX = new float[bufferRows * layout.inputs()];
    boolean labels = layout.targets() == Layout.Targets.CLASSES;
    this.batchY = labels ? null : new float[bufferRows * layout.outputs()];
    this.batchLabels = labels ? new int[bufferRows] : null;
    this.listeners = fit.listeners().toArray(new Listener[0]);
    this.monitor = FitRules.monitor(fit, validation != null);
    Monitor.Mode mode = fit.mode() != null ? fit.mode() : monitor.mode();
    this.best = new Best(mode, fit.minDelta());
    this.patience = fit.patience();
    this.restoreBest = fit.restoreBest();
    this.bestParams = fit.restoreBest() || fit.saveBest() != null ? net.params.clone() : null;
    this.bestRunning = bestParams == null ? null : net.running.clone();
    this.saveBest = fit.saveBest();
    this.saveEvery = fit.saveEvery();
    this.saveEveryFile = fit.saveEveryFile();
    this.hasRate = FitRules.tellsRate(optimizer);
    this.schedule = fit.schedule() == null ? null : new RateSchedule(fit.schedule(), mode, optimizer.learningRate());
    Set<Metric> metrics = fit.metrics();
    if (monitor.metric() != null) {
      metrics.add(monitor.metric());
    }
    boolean accuracy = metrics.contains(Metric.ACCURACY);
    boolean auc = metrics.contains(Metric.AUC);
    this.trainScores = metrics.isEmpty() ? null : new Scores(layout.targets(), layout.outputs(), rows, auc, false);
    this.validationScores = metrics.isEmpty() || validation == null ? null
        : new Scores(layout.targets(), layout.outputs(), validation.rows(), auc, false);
    this.columns = new Columns(accuracy, auc, validation != null, hasRate, epochs);
    this.monitorColumn = columns.names().indexOf(monitor.column());
    this.batchLosses = new StepLosses((long) epochs * batches);
    this.lastGood = net.params.clone();
    this.lastGoodRunning = net.running.clone();
    this.progress = new ProgressLine(fit.progress(), System.console() != null, System.out, epochs,
        (long) epochs * batches);
    this.backup = fit.backup() == null ? null : new TrainingState(fit.backup(),
        TrainingState.fingerprint(fit, train, validation, monitor, batchRows, batches),
        net, optimizer, schedule, best, bestParams, bestRunning, columns, batchLosses);
  }

  /**
   * Checks the data and the options against the network, and everything else that could fail, before any
   * step: a bad argument is an {@link IllegalArgumentException} naming it, and nothing has changed. Then,
   * if {@code fit} has a backup file, continues from it.
   */
  public static Training begin(Data train, Fit fit, Trainee net) {
    Checks.notNull("train", train);
    Checks.notNull("fit", fit);
    Checks.notNull("network", net);
    refuseReentry(net);
    TrainingChecks.check(train, fit, net);
    Data validation = fit.validation();
    if (fit.validationFraction() > 0) {
      Data.Split split = train.split(fit.validationFraction(), fit.splitSeed());
      train = split.train();
      validation = split.validation();
    }
    TrainingChecks.checkRun(train, validation, fit, net);
    Training run = new Training(train, validation, fit, net);
    fit.optimizer().bind(net.params); // an optimizer with state refuses another network's parameters
    TrainingState.Position resumed = run.backup == null ? null : run.backup.resumeIfFound();
    if (resumed != null) {
      run.continueAt(resumed);
    }
    run.progress.start(run.steps);
    return run;
  }

  /**
   * Rows × inputs, for {@link #gather}: allocated once, as long as the largest batch (or validation chunk,
   * up to {@link Inference#CHUNK_ROWS} rows, whichever is longer).
   */
  public float[] batchFeatures() {
    return batchX;
  }

  /** Rows × outputs of float targets, for {@link #gather(float[], float[])}. */
  public float[] batchTargets() {
    if (batchY == null) {
      throw new IllegalStateException("a cross-entropy network's batches have labels: use batchLabels()");
    }
    return batchY;
  }

  /** One class label per row, for {@link #gather(float[], int[])}. */
  public int[] batchLabels() {
    if (batchLabels == null) {
      throw new IllegalStateException("this network's batches have float targets: use batchTargets()");
    }
    return batchLabels;
  }

  /** The optimizer of the steps. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Starts the next epoch, if training goes on: sets its learning rate, and takes PyTorch's draws of a
   * {@code DataLoader} iterator from the network's generator: one int64 for the base seed, and when
   * shuffling one more, which seeds the sampler's {@code randperm}.
   */
  public boolean nextEpoch() {
    try {
      return startEpoch();
    } catch (Throwable e) { // the run ends here (a listener, a save, a bug): the optimizer gets its rate back
      restoreRate();
      throw e;
    }
  }

  private boolean startEpoch() {
    if (stopRequested || epochsDone == epochs) {
      return false;
    }
    epoch = epochsDone + 1;
    if (schedule != null) {
      optimizer.setLearningRate(schedule.rateFor(epochsDone, optimizer.learningRate()));
    }
    net.generator.randomInt64(); // _BaseDataLoaderIter: the base seed, drawn even without shuffling
    if (shuffle) {
      sampler.reseed(net.generator.randomInt64()); // RandomSampler: a seed for a fresh generator
      sampler.randperm(order, rows);
    }
    batch = 0;
    epochLossSum = 0;
    epochRows = 0;
    if (trainScores != null) {
      trainScores.reset();
    }
    return true;
  }

  /** True while the epoch has batches left (and no listener stopped training). */
  public boolean nextBatch() {
    return !stopRequested && batch < batches;
  }

  /** Copies the next batch's rows into the buffers; returns how many (the last batch may be short). */
  public int gather(float[] x, float[] y) {
    int from = batch * batchRows;
    int count = Math.min(batchRows, rows - from);
    train.gather(order, from, count, x, y);
    batch++;
    return count;
  }

  /** Like {@link #gather(float[], float[])}, for class labels. */
  public int gather(float[] x, int[] labels) {
    int from = batch * batchRows;
    int count = Math.min(batchRows, rows - from);
    train.gather(order, from, count, x, labels);
    batch++;
    return count;
  }

  /**
   * After forward, loss and backward on the batch: checks that the loss and every gradient are finite,
   * then steps the optimizer and records the loss (and, with metrics, the batch's predictions).
   */
  public void step(float loss, int count) {
    try {
      takeStep(loss, count);
    } catch (Throwable e) { // the run ends here (a listener, a save, a bug): the optimizer gets its rate back
      restoreRate();
      throw e;
    }
  }

  private void takeStep(float loss, int count) {
    float[] grads = net.grads;
    int bad = -1;
    for (int i = 0; i < grads.length; i++) {
      if (!Float.isFinite(grads[i])) {
        bad = i;
        break;
      }
    }
    if (bad >= 0 || !Float.isFinite(loss)) {
      throw diverged(loss, bad);
    }
    Updates.step(optimizer, net.params, grads, net.workers);
    batchLosses.set(steps, loss);
    steps++;
    lastLoss = loss;
    epochLossSum += (double) loss * count;
    epochRows += count;
    if (trainScores != null) {
      if (batchY != null) {
        trainScores.add(net.outputs.outputs(), batchY, count);
      } else {
        trainScores.add(net.outputs.outputs(), batchLabels, count);
      }
    }
    if (listeners.length > 0) {
      tellListeners(false);
    }
    progress.step(epoch, batch, batches, steps, (float) (epochLossSum / epochRows), learningRate());
  }

  /**
   * Ends the epoch: its loss (the row-weighted mean of the batches'), metrics, validation, learning rate;
   * the best epoch, early stopping, saving; listeners, progress; the schedule's next rate; the backup.
   */
  public void epochEnd() {
    try {
      endEpoch();
    } catch (Throwable e) { // the run ends here (a listener, a save, a bug): the optimizer gets its rate back
      restoreRate();
      throw e;
    }
  }

  private void endEpoch() {
    int e = epoch - 1;
    columns.set(columns.loss, e, (float) (epochLossSum / epochRows));
    if (trainScores != null) {
      columns.set(columns.accuracy, e, trainScores.accuracy());
      columns.set(columns.auc, e, trainScores.hasAuc() ? trainScores.auc() : Float.NaN);
    }
    if (validation != null) {
      float loss = evaluate(validation, validationScores);
      columns.set(columns.valLoss, e, loss);
      if (validationScores != null) {
        columns.set(columns.valAccuracy, e, validationScores.accuracy());
        columns.set(columns.valAuc, e, validationScores.hasAuc() ? validationScores.auc() : Float.NaN);
      }
    }
    float rate = learningRate();
    columns.set(columns.lr, e, rate);
    float monitored = columns.values[monitorColumn][e];
    if (best.offer(monitored, epoch)) {
      if (bestParams != null) {
        System.arraycopy(net.params, 0, bestParams, 0, bestParams.length);
        System.arraycopy(net.running, 0, bestRunning, 0, bestRunning.length);
      }
      if (saveBest != null) {
        save(saveBest);
      }
    }
    if (patience > 0 && best.wait >= patience && !stopRequested) {
      stopRequested = true;
      stopReason = History.Stop.EARLY_STOPPING;
    }
    if (saveEvery > 0 && epoch % saveEvery == 0) {
      save(Path.of(saveEveryFile.toString().replace("{epoch}", Integer.toString(epoch))));
    }
    epochsDone = epoch;
    goodSteps = steps;
    System.arraycopy(net.params, 0, lastGood, 0, lastGood.length);
    System.arraycopy(net.running, 0, lastGoodRunning, 0, lastGoodRunning.length);
    if (listeners.length > 0) {
      tellListeners(true);
    }
    if (progress.on()) {
      progress.epoch(epoch, columns.summary(e), rate, steps, stopRequested);
    }
    if (schedule != null) { // after the listeners, which see this epoch's rate; the backup holds the next's
      optimizer.setLearningRate(schedule.afterEpoch(monitored, optimizer.learningRate()));
    }
    if (backup != null) {
      backup.write(new TrainingState.Position(epochsDone, steps, stopRequested, stopReason));
    }
  }

  /**
   * Ends training: restores the best epoch's parameters if asked, measures the confusion matrix of a
   * classifier, deletes the backup, and returns the history.
   */
  public History end() {
    progress.end();
    restoreRate();
    if (restoreBest && best.epoch > 0) {
      System.arraycopy(bestParams, 0, net.params, 0, bestParams.length);
      System.arraycopy(bestRunning, 0, net.running, 0, bestRunning.length);
    }
    long[][] confusion = null;
    Layout.Targets targets = layout.targets();
    if (targets == Layout.Targets.CLASSES || (targets == Layout.Targets.PROBABILITIES && layout.outputs() == 1)) {
      Data measured = validation != null ? validation : train;
      Scores scores = new Scores(layout.targets(), layout.outputs(), measured.rows(), false, true);
      evaluate(measured, scores);
      confusion = scores.confusion();
    }
    if (backup != null) {
      backup.delete();
    }
    return history(confusion);
  }

  /** The mean loss of {@code data} in chunks of the batch buffers, its predictions into {@code scores}. */
  private float evaluate(Data data, Scores scores) {
    return Inference.measure(data, net, batchX, batchY, batchLabels, scores);
  }

  private void save(Path file) {
    try {
      Checkpoint.save(file, layout.architecture(), net.params, net.running);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save the network to " + file, e);
    }
  }

  private DivergenceException diverged(float loss, int badGradient) {
    progress.end();
    float rate = learningRate(); // the rate that diverged, for the message (step's catch restores the start's)
    System.arraycopy(lastGood, 0, net.params, 0, lastGood.length);
    System.arraycopy(lastGoodRunning, 0, net.running, 0, lastGoodRunning.length);
    String block = badGradient < 0 ? null : layout.blockOf(badGradient);
    long step = steps + 1;
    String message = (Float.isFinite(loss) ? "the loss is " + loss + " but a gradient is not finite"
        : "the loss became " + loss) + " at epoch " + epoch + ", batch " + batch + " (step " + step + ")"
        + (block == null ? "; every gradient is finite" : "; the first gradient that is not: " + block
            + " (params[" + badGradient + "] = " + net.grads[badGradient] + ")")
        + ". The parameters are back at the " + (epochsDone == 0 ? "start of training" : "end of epoch " + epochsDone)
        + (hasRate ? "; try a smaller learning rate than " + rate : "");
    steps = goodSteps; // the bad epoch's steps were undone
    return new DivergenceException(message, epoch, batch, step, block, history(null));
  }

  /**
   * After the backup has set the network, optimizer, generator, schedule, best epoch and history: the
   * counters, and the parameters to fall back on, which are the backup's.
   */
  private void continueAt(TrainingState.Position at) {
    System.arraycopy(net.params, 0, lastGood, 0, lastGood.length);
    System.arraycopy(net.running, 0, lastGoodRunning, 0, lastGoodRunning.length);
    epochsDone = at.epochsDone();
    steps = at.steps();
    goodSteps = at.steps();
    stopRequested = at.stopRequested();
    stopReason = at.stopReason();
    resumedEpochs = at.epochsDone();
  }

  /** The epochs done and their steps' losses: mid-epoch, not yet the running epoch's. */
  private History history(long[][] confusion) {
    return History.of(columns.names(), columns.values, epochsDone, batchLosses.first(goodSteps), monitor, best.epoch,
        stopReason, confusion, resumedEpochs);
  }

  /**
   * A schedule sets the optimizer's rate each epoch; the run gives it back the rate it started with, so that
   * the same {@code Fit} trains the same way again (it had started the next run at the last epoch's rate).
   */
  private void restoreRate() {
    if (schedule != null) {
      optimizer.setLearningRate((float) schedule.base);
    }
  }

  /**
   * Calls the listeners' {@code epochEnd} (or {@code batchEnd}), noting that they run inside this fit: one
   * of them calling {@code fit} on the same network is refused ({@link #refuseReentry}).
   */
  private void tellListeners(boolean epochEnd) {
    Training outer = LISTENING.get();
    listeningOuter = outer;
    LISTENING.set(this);
    try {
      for (Listener listener : listeners) {
        if (epochEnd) {
          listener.epochEnd(this);
        } else {
          listener.batchEnd(this);
        }
      }
    } finally {
      LISTENING.set(outer);
    }
  }

  /** A listener of a fit on {@code net} that calls fit on {@code net} again would train it twice over. */
  private static void refuseReentry(Trainee net) {
    for (Training running = LISTENING.get(); running != null; running = running.listeningOuter) {
      if (running.net.params == net.params) {
        throw new IllegalStateException("fit is already running on this network: a listener of that fit may not "
            + "call fit on it (stop() it, and fit again once it has returned)");
      }
    }
  }

  // Status, as listeners see it.

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public int epochs() {
    return epochs;
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public int batches() {
    return batches;
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
    return history(null);
  }

  @Override
  public void stop() {
    if (!stopRequested) {
      stopRequested = true;
      stopReason = History.Stop.LISTENER;
    }
  }
}
