package chainrule.internal;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.TorchGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
 */
final class TrainingState {
  private static final int FORMAT = 1;

  private TrainingState() {}

  /** Replaces the backup file with the state after the epoch just ended. */
  static void write(Training run) {
    try {
      Checkpoint.save(run.backup, run.layout.architecture(), run.net.params, run.net.running, encode(run));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the training backup " + run.backup, e);
    }
  }

  /**
   * If the run's backup file exists, checks all of it and then continues from it: parameters, optimizer,
   * generator, schedule, best epoch, history. If it does not fit this run, throws
   * {@link IllegalArgumentException} and nothing has changed.
   */
  static void resumeIfFound(Training run) {
    Checkpoint.deleteTemporaries(run.backup); // left by a run killed while it wrote its backup
    if (!Files.exists(run.backup)) {
      return;
    }
    Checkpoint.Contents contents;
    try {
      contents = Checkpoint.read(run.backup, run.layout.architecture(), run.net.params.length,
          run.net.running.length);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the training backup " + run.backup, e);
    }
    if (contents.state().length == 0) {
      throw new IllegalArgumentException("backup " + run.backup + " is a plain checkpoint, not a training backup;"
          + " move it away or give another backup file");
    }
    try {
      decode(run, contents);
    } catch (EOFException e) {
      throw new IllegalArgumentException("backup " + run.backup + " is damaged: its training state ends early", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(Training run) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(FORMAT);
    out.writeLong(run.fingerprint);
    out.writeInt(run.epochsDone);
    out.writeLong(run.steps);
    out.writeBoolean(run.stopRequested);
    out.writeInt(run.stopReason.ordinal());
    int[] generator = new int[TorchGenerator.STATE_WORDS];
    run.net.generator.state(generator);
    for (int word : generator) {
      out.writeInt(word);
    }
    out.writeUTF(run.optimizer.getClass().getName());
    ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
    run.optimizer.writeState(new DataOutputStream(optimizer));
    out.writeInt(optimizer.size());
    optimizer.writeTo(out);
    RateSchedule schedule = run.schedule;
    out.writeBoolean(schedule != null);
    if (schedule != null) {
      out.writeDouble(schedule.base);
      out.writeDouble(schedule.best);
      out.writeInt(schedule.badEpochs);
      out.writeInt(schedule.cooldownLeft);
    }
    out.writeFloat(run.best.value);
    out.writeInt(run.best.epoch);
    out.writeInt(run.best.wait);
    writeFloats(out, run.bestParams, run.bestParams == null ? 0 : run.bestParams.length);
    if (run.net.running.length > 0) {
      writeFloats(out, run.bestRunning, run.bestRunning == null ? 0 : run.bestRunning.length);
    }
    out.writeInt(run.columns.values.length);
    for (int c = 0; c < run.columns.values.length; c++) {
      out.writeUTF(run.columns.names().get(c));
      writeFloats(out, run.columns.values[c], run.epochsDone);
    }
    writeFloats(out, run.batchLosses, (int) run.steps);
    out.flush();
    return bytes.toByteArray();
  }

  /** Reads everything into locals and checks it; only then changes the run, the network and the optimizer. */
  private static void decode(Training run, Checkpoint.Contents contents) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(contents.state()));
    int format = in.readInt();
    if (format != FORMAT) {
      throw refused(run, "its state has format " + format + ", this runtime reads " + FORMAT);
    }
    long fingerprint = in.readLong();
    if (fingerprint != run.fingerprint) {
      throw refused(run, "it was written by a run on other data or with other options (epochs, batch size, "
          + "shuffle, dropLast, validation, monitor, early stopping, schedule)");
    }
    int epochsDone = in.readInt();
    long steps = in.readLong();
    boolean stopRequested = in.readBoolean();
    int stopReason = in.readInt();
    if (epochsDone < 1 || epochsDone > run.epochs || steps < 0 || steps > run.batchLosses.length
        || stopReason < 0 || stopReason >= History.Stop.values().length) {
      throw refused(run, "its state is inconsistent (" + epochsDone + " epochs, " + steps + " steps)");
    }
    int[] generator = new int[TorchGenerator.STATE_WORDS];
    for (int i = 0; i < generator.length; i++) {
      generator[i] = in.readInt();
    }
    String optimizerClass = in.readUTF();
    if (!optimizerClass.equals(run.optimizer.getClass().getName())) {
      throw refused(run, "it was trained with a " + optimizerClass + ", this fit has " + run.optimizer);
    }
    byte[] optimizerState = new byte[in.readInt()];
    in.readFully(optimizerState);
    boolean hasSchedule = in.readBoolean();
    if (hasSchedule != (run.schedule != null)) {
      throw refused(run, hasSchedule ? "it had a learning-rate schedule, this fit has none"
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
    float[] bestParams = readFloats(in);
    int bestLength = run.bestParams == null ? 0 : run.bestParams.length;
    if (bestParams.length != bestLength) {
      throw refused(run, "it kept " + bestParams.length + " best parameters, this fit keeps " + bestLength
          + " (restoreBest and saveBest must match)");
    }
    float[] bestRunning = run.net.running.length > 0 ? readFloats(in) : new float[0];
    if (bestRunning.length != (run.bestRunning == null ? 0 : run.bestRunning.length)) {
      throw refused(run, "it kept " + bestRunning.length + " best running statistics, this fit keeps "
          + (run.bestRunning == null ? 0 : run.bestRunning.length));
    }
    int columns = in.readInt();
    if (columns != run.columns.values.length) {
      throw refused(run, "its history has " + columns + " columns, this fit's has " + run.columns.values.length);
    }
    float[][] values = new float[columns][];
    for (int c = 0; c < columns; c++) {
      String name = in.readUTF();
      if (!name.equals(run.columns.names().get(c))) {
        throw refused(run, "its history's column " + c + " is " + name + ", this fit's is "
            + run.columns.names().get(c));
      }
      values[c] = readFloats(in);
      if (values[c].length != epochsDone) {
        throw refused(run, "its history has " + values[c].length + " values of " + name + " for " + epochsDone
            + " epochs");
      }
    }
    float[] losses = readFloats(in);
    if (losses.length != steps || in.available() != 0) {
      throw refused(run, "its step losses do not match its " + steps + " steps");
    }

    // All read and checked: the optimizer first, since it checks its own state and may still refuse it.
    run.optimizer.readState(new DataInputStream(new ByteArrayInputStream(optimizerState)), run.net.params);
    System.arraycopy(contents.params(), 0, run.net.params, 0, run.net.params.length);
    System.arraycopy(contents.params(), 0, run.lastGoodParams(), 0, run.net.params.length);
    System.arraycopy(contents.running(), 0, run.net.running, 0, run.net.running.length);
    System.arraycopy(contents.running(), 0, run.lastGoodRunning(), 0, run.net.running.length);
    run.net.generator.setState(generator);
    if (hasSchedule) {
      run.schedule.base = base;
      run.schedule.best = plateauBest;
      run.schedule.badEpochs = badEpochs;
      run.schedule.cooldownLeft = cooldownLeft;
    }
    run.best.value = bestValue;
    run.best.epoch = bestEpoch;
    run.best.wait = wait;
    if (run.bestParams != null) {
      System.arraycopy(bestParams, 0, run.bestParams, 0, bestParams.length);
      System.arraycopy(bestRunning, 0, run.bestRunning, 0, bestRunning.length);
    }
    for (int c = 0; c < columns; c++) {
      System.arraycopy(values[c], 0, run.columns.values[c], 0, epochsDone);
    }
    System.arraycopy(losses, 0, run.batchLosses, 0, losses.length);
    run.epochsDone = epochsDone;
    run.steps = steps;
    run.goodSteps = steps;
    run.stopRequested = stopRequested;
    run.stopReason = History.Stop.values()[stopReason];
    run.resumedEpochs = epochsDone;
  }

  private static IllegalArgumentException refused(Training run, String why) {
    return new IllegalArgumentException("backup " + run.backup + " does not fit this fit: " + why
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
   * validation) rows, bit for bit, and the options that shape the steps and the history.
   */
  static long fingerprint(Training run, Fit fit) {
    long h = 0xcbf29ce484222325L; // FNV-1a, 64-bit
    h = mix(h, run.epochs);
    h = mix(h, run.batchRows);
    h = mix(h, run.batches);
    h = mix(h, run.shuffle ? 1 : 0);
    h = mix(h, fit.dropLast() ? 1 : 0);
    h = mix(h, run.monitor.ordinal());
    h = mix(h, fit.patience());
    h = mix(h, Float.floatToIntBits(fit.minDelta()));
    h = mix(h, fit.schedule() == null ? 0 : fit.schedule().toString().hashCode());
    h = mixData(h, run.train);
    if (run.validation != null) {
      h = mixData(h, run.validation);
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
