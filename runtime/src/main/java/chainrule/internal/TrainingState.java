package chainrule.internal;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Monitor;
import chainrule.Optimizer;
import chainrule.TorchGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code fit} backup: the whole training state after an epoch, in a version 2 {@link Checkpoint} (the
 * parameters in its body, the rest in its state bytes), replaced atomically after every epoch. A fit
 * that finds one continues from it and ends bit-identical to a run never interrupted.
 *
 * <p>State format (big-endian, {@code DataOutput}): a format number; the run's fingerprint (data and
 * options, so a backup of another run is refused); epochs and steps done; the stop request; the
 * generator's 625 words; the optimizer's class and state; the schedule's base rate and plateau state; the
 * best epoch, its value, the epochs since, and its parameters if kept (and, for a network with running
 * statistics, its running statistics after them, which the checkpoint's architecture already implies); the
 * history's columns; every step's loss. The live running statistics are in the checkpoint's own block.
 *
 * <p>One per run with a backup file. It holds the parts of the run that it saves and sets (the network, the
 * optimizer, the schedule, the best epoch, the history), the very objects the driver trains with, and
 * exchanges the driver's counters by value ({@link Position}), so it does not depend on the driver.
 */
final class TrainingState {
  private static final int FORMAT = 2; // 2: the fingerprint covers the optimizer and its starting rate

  /**
   * Where a run is after an epoch: the counters the driver keeps, handed to {@link #write} and returned by
   * {@link #resumeIfFound}. Everything else a backup holds lives in the parts given to the constructor.
   */
  record Position(int epochsDone, long steps, boolean stopRequested, History.Stop stopReason) {}

  private final Path file;
  private final long fingerprint;
  private final Trainee net;
  private final Optimizer optimizer;
  private final RateSchedule schedule; // null without one
  private final Best best;
  private final float[] bestParams; // the best epoch's parameters; null unless kept
  private final float[] bestRunning; // and its running statistics (BatchNorm1d's); null unless kept
  private final Columns columns;
  private final StepLosses batchLosses;

  /**
   * The backup in {@code file} of a run with this {@link #fingerprint}, of these parts of it: the same objects
   * the driver trains with, which {@link #write} reads and {@link #resumeIfFound} sets.
   */
  TrainingState(Path file, long fingerprint, Trainee net, Optimizer optimizer, RateSchedule schedule, Best best,
      float[] bestParams, float[] bestRunning, Columns columns, StepLosses batchLosses) {
    this.file = file;
    this.fingerprint = fingerprint;
    this.net = net;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.best = best;
    this.bestParams = bestParams;
    this.bestRunning = bestRunning;
    this.columns = columns;
    this.batchLosses = batchLosses;
  }

  /** Replaces the backup file with the state after the epoch just ended, which left the run at {@code at}. */
  void write(Position at) {
    try {
      Checkpoint.save(file, net.layout.architecture(), net.params, net.running, encode(at));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the training backup " + file, e);
    }
  }

  /**
   * If the backup file exists, checks all of it and then continues from it: parameters, optimizer,
   * generator, schedule, best epoch, history; returns where the run is, for the driver's counters, or null
   * without a backup file. If it does not fit this run, throws {@link IllegalArgumentException} and nothing
   * has changed.
   */
  Position resumeIfFound() {
    Checkpoint.deleteTemporaries(file); // left by a run killed while it wrote its backup
    if (!Files.exists(file)) {
      return null;
    }
    Checkpoint.Contents contents;
    try {
      contents = Checkpoint.read(file, net.layout.architecture(), net.params.length, net.running.length);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the training backup " + file, e);
    }
    if (contents.state().length == 0) {
      throw new IllegalArgumentException("backup " + file + " is a plain checkpoint, not a training backup;"
          + " move it away or give another backup file");
    }
    try {
      return decode(contents);
    } catch (EOFException e) {
      throw new IllegalArgumentException("backup " + file + " is damaged: its training state ends early", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the backup file, when training has ended. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("training ended but its backup " + file + " could not be deleted", e);
    }
  }

  private byte[] encode(Position at) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(FORMAT);
    out.writeLong(fingerprint);
    out.writeInt(at.epochsDone());
    out.writeLong(at.steps());
    out.writeBoolean(at.stopRequested());
    out.writeInt(at.stopReason().ordinal());
    int[] generator = new int[TorchGenerator.STATE_WORDS];
    net.generator.state(generator);
    for (int word : generator) {
      out.writeInt(word);
    }
    out.writeUTF(optimizer.getClass().getName());
    ByteArrayOutputStream optimizerState = new ByteArrayOutputStream();
    optimizer.writeState(new DataOutputStream(optimizerState));
    out.writeInt(optimizerState.size());
    optimizerState.writeTo(out);
    out.writeBoolean(schedule != null);
    if (schedule != null) {
      out.writeDouble(schedule.base);
      out.writeDouble(schedule.best);
      out.writeInt(schedule.badEpochs);
      out.writeInt(schedule.cooldownLeft);
    }
    out.writeFloat(best.value);
    out.writeInt(best.epoch);
    out.writeInt(best.wait);
    writeFloats(out, bestParams, bestParams == null ? 0 : bestParams.length);
    if (net.running.length > 0) {
      writeFloats(out, bestRunning, bestRunning == null ? 0 : bestRunning.length);
    }
    out.writeInt(columns.values.length);
    for (int c = 0; c < columns.values.length; c++) {
      out.writeUTF(columns.names().get(c));
      writeFloats(out, columns.values[c], at.epochsDone());
    }
    writeFloats(out, batchLosses.first(at.steps()), (int) at.steps());
    out.flush();
    return bytes.toByteArray();
  }

  /** Reads everything into locals and checks it; only then changes the network, the optimizer and the parts. */
  private Position decode(Checkpoint.Contents contents) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(contents.state()));
    int format = in.readInt();
    if (format != FORMAT) {
      throw refused("its state has format " + format + ", this runtime reads " + FORMAT);
    }
    long writtenFingerprint = in.readLong();
    int epochsDone = in.readInt();
    long steps = in.readLong();
    boolean stopRequested = in.readBoolean();
    int stopReason = in.readInt();
    int[] generator = new int[TorchGenerator.STATE_WORDS];
    for (int i = 0; i < generator.length; i++) {
      generator[i] = in.readInt();
    }
    String optimizerClass = in.readUTF();
    // the most telling reason first: another optimizer, then other options, then a damaged state
    if (!optimizerClass.equals(optimizer.getClass().getName())) {
      throw refused("it was trained with a " + optimizerClass + ", this fit has " + optimizer);
    }
    if (writtenFingerprint != fingerprint) {
      throw refused("it was written by a run on other data or with other options (epochs, batch size, "
          + "shuffle, dropLast, validation, monitor, early stopping, schedule, optimizer, learning rate)");
    }
    if (epochsDone < 1 || epochsDone > columns.epochs || steps < 0 || steps > batchLosses.maxSteps()
        || stopReason < 0 || stopReason >= History.Stop.values().length) {
      throw refused("its state is inconsistent (" + epochsDone + " epochs, " + steps + " steps)");
    }
    byte[] optimizerState = new byte[in.readInt()];
    in.readFully(optimizerState);
    boolean hasSchedule = in.readBoolean();
    if (hasSchedule != (schedule != null)) {
      throw refused(hasSchedule ? "it had a learning-rate schedule, this fit has none"
          : "it had no learning-rate schedule, this fit has one");
    }
    double base = 0;
    double plateauBest = 0;
    int badEpochs = 0;
    int cooldownLeft = 0;
    if (hasSchedule) {
      base = in.readDouble();
      plateauBest = in.readDouble();
      badEpochs = in.readInt();
      cooldownLeft = in.readInt();
    }
    float bestValue = in.readFloat();
    int bestEpoch = in.readInt();
    int wait = in.readInt();
    float[] writtenBestParams = readFloats(in);
    int bestLength = bestParams == null ? 0 : bestParams.length;
    if (writtenBestParams.length != bestLength) {
      throw refused("it kept " + writtenBestParams.length + " best parameters, this fit keeps " + bestLength
          + " (restoreBest and saveBest must match)");
    }
    float[] writtenBestRunning = net.running.length > 0 ? readFloats(in) : new float[0];
    if (writtenBestRunning.length != (bestRunning == null ? 0 : bestRunning.length)) {
      throw refused("it kept " + writtenBestRunning.length + " best running statistics, this fit keeps "
          + (bestRunning == null ? 0 : bestRunning.length));
    }
    int columnCount = in.readInt();
    if (columnCount != columns.values.length) {
      throw refused("its history has " + columnCount + " columns, this fit's has " + columns.values.length);
    }
    float[][] values = new float[columnCount][];
    for (int c = 0; c < columnCount; c++) {
      String name = in.readUTF();
      if (!name.equals(columns.names().get(c))) {
        throw refused("its history's column " + c + " is " + name + ", this fit's is " + columns.names().get(c));
      }
      values[c] = readFloats(in);
      if (values[c].length != epochsDone) {
        throw refused("its history has " + values[c].length + " values of " + name + " for " + epochsDone
            + " epochs");
      }
    }
    float[] losses = readFloats(in);
    if (losses.length != steps || in.available() != 0) {
      throw refused("its step losses do not match its " + steps + " steps");
    }

    // All read and checked: the optimizer first, since it checks its own state and may still refuse it.
    optimizer.readState(new DataInputStream(new ByteArrayInputStream(optimizerState)), net.params);
    System.arraycopy(contents.params(), 0, net.params, 0, net.params.length);
    System.arraycopy(contents.running(), 0, net.running, 0, net.running.length);
    net.generator.setState(generator);
    if (hasSchedule) {
      schedule.base = base;
      schedule.best = plateauBest;
      schedule.badEpochs = badEpochs;
      schedule.cooldownLeft = cooldownLeft;
    }
    best.value = bestValue;
    best.epoch = bestEpoch;
    best.wait = wait;
    if (bestParams != null) {
      System.arraycopy(writtenBestParams, 0, bestParams, 0, bestParams.length);
      System.arraycopy(writtenBestRunning, 0, bestRunning, 0, bestRunning.length);
    }
    columns.ensure(epochsDone);
    for (int c = 0; c < columnCount; c++) {
      System.arraycopy(values[c], 0, columns.values[c], 0, epochsDone);
    }
    batchLosses.restore(losses);
    return new Position(epochsDone, steps, stopRequested, History.Stop.values()[stopReason]);
  }

  private IllegalArgumentException refused(String why) {
    return new IllegalArgumentException("backup " + file + " does not fit this fit: " + why
        + ". Delete it to start afresh");
  }

  private static void writeFloats(DataOutputStream out, float[] values, int count) throws IOException {
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeFloat(values[i]);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available() / 4) {
      throw new EOFException("a length of " + count + " floats");
    }
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  /**
   * A 64-bit hash of what must be the same for a backup to continue this run: the training (and
   * validation) rows, bit for bit, and the options that shape the steps and the history. {@code train} and
   * {@code validation} are the rows after {@code fit}'s validation split; {@code monitor} the one in effect.
   */
  static long fingerprint(Fit fit, Data train, Data validation, Monitor monitor, int batchRows, int batches) {
    long h = 0xcbf29ce484222325L; // FNV-1a, 64-bit
    h = mix(h, fit.epochs());
    h = mix(h, batchRows);
    h = mix(h, batches);
    h = mix(h, fit.shuffle() ? 1 : 0);
    h = mix(h, fit.dropLast() ? 1 : 0);
    h = mix(h, monitor.ordinal());
    h = mix(h, fit.patience());
    h = mix(h, Float.floatToIntBits(fit.minDelta()));
    h = mix(h, fit.schedule() == null ? 0 : fit.schedule().toString().hashCode());
    // the optimizer and the rate it starts at: a backup restores its state, rate included, which must not
    // replace another rate unnoticed (a retry at a smaller rate after a divergence would take the old one)
    h = mix(h, fit.optimizer().getClass().getName().hashCode());
    h = mix(h, FitRules.tellsRate(fit.optimizer()) ? Float.floatToIntBits(fit.optimizer().learningRate()) : 0);
    h = mixData(h, train);
    if (validation != null) {
      h = mixData(h, validation);
    }
    return h;
  }

  private static long mixData(long h, Data data) {
    h = mix(h, data.rows());
    h = mix(h, data.inputs());
    for (int r = 0; r < data.rows(); r++) {
      for (int c = 0; c < data.inputs(); c++) {
        h = mix(h, Float.floatToIntBits(data.feature(r, c)));
      }
      if (data.hasLabels()) {
        h = mix(h, data.label(r));
      } else {
        for (int c = 0; c < data.outputs(); c++) {
          h = mix(h, Float.floatToIntBits(data.target(r, c)));
        }
      }
    }
    return h;
  }

  private static long mix(long h, int value) {
    for (int i = 0; i < 4; i++) {
      h ^= (value >>> (8 * i)) & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
