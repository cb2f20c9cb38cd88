package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Sgd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Fit.backup}: a run interrupted at any moment and started again ends bit-identical to one never
 * interrupted; the backup file is gone when {@code fit} completes; a backup of another run is refused.
 */
class BackupTest {
  @TempDir Path dir;

  /** Stops a run by throwing from a listener: after epoch {@code epoch}'s backup, or mid-epoch. */
  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated crash");
    }
  }

  private static Fit richFit(int epochs) {
    return BackupChild.fit(epochs);
  }

  @Test
  void aResumedRunEndsBitIdenticalToAnUninterruptedOne() {
    Data data = BackupChild.data();
    HandNet uninterrupted = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    History expected = uninterrupted.fit(data, richFit(12).backup(dir.resolve("a.backup")));
    assertFalse(Files.exists(dir.resolve("a.backup")), "deleted when fit completes");

    Path backup = dir.resolve("b.backup");
    // the first run dies in epoch 6, after batch 3: the backup holds epoch 5
    HandNet first = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(Crash.class, () -> first.fit(data, richFit(12).backup(backup).listener(Listener.onBatchEnd(s -> {
      if (s.epoch() == 6 && s.batch() == 3) {
        throw new Crash();
      }
    }))));
    assertTrue(Files.exists(backup));
    // the second dies at the end of epoch 9, before that epoch's backup: the backup holds epoch 8
    HandNet second = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(Crash.class, () -> second.fit(data, richFit(12).backup(backup).listener(Listener.onEpochEnd(s -> {
      if (s.epoch() == 9) {
        throw new Crash();
      }
    }))));
    HandNet third = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    History resumed = third.fit(data, richFit(12).backup(backup));

    assertEquals(8, resumed.resumedEpochs());
    assertArrayEquals(uninterrupted.parameters(), third.parameters());
    assertArrayEquals(expected.batchLosses(), resumed.batchLosses());
    assertEquals(expected.toCsv(), resumed.toCsv());
    assertEquals(expected.bestEpoch(), resumed.bestEpoch());
    assertArrayEquals(expected.confusionMatrix(), resumed.confusionMatrix());
    assertFalse(Files.exists(backup));
  }

  @Test
  void aBackupOfAnotherRunIsRefusedAndChangesNothing() throws IOException {
    Data data = BackupChild.data();
    Path backup = dir.resolve("run.backup");
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(Crash.class, () -> net.fit(data, richFit(5).backup(backup).listener(Listener.onEpochEnd(s -> {
      if (s.epoch() == 3) {
        throw new Crash();
      }
    }))));
    HandNet other = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    float[] before = other.parameters();
    String message = assertThrows(IllegalArgumentException.class,
        () -> other.fit(data.slice(0, 500), richFit(5).backup(backup))).getMessage();
    assertEquals("backup " + backup + " does not fit this fit: it was written by a run on other data or with other "
        + "options (epochs, batch size, shuffle, dropLast, validation, monitor, early stopping, schedule, optimizer, "
        + "learning rate). Delete it to "
        + "start afresh", message);
    message = assertThrows(IllegalArgumentException.class, () -> other.fit(data,
        richFit(5).schedule(chainrule.Schedule.exponential(0.9)).backup(backup))).getMessage();
    assertTrue(message.contains("it was written by a run on other data or with other options"), message);
    message = assertThrows(IllegalArgumentException.class,
        () -> other.fit(data, richFit(5).optimizer(new Sgd(0.1f)).backup(backup))).getMessage();
    assertTrue(message.endsWith("it was trained with a chainrule.Adam, this fit has Sgd(lr=0.1). Delete it to start "
        + "afresh"), message);
    assertArrayEquals(before, other.parameters());

    byte[] bytes = Files.readAllBytes(backup);
    bytes[bytes.length / 2] ^= 1;
    Files.write(backup, bytes);
    message = assertThrows(IllegalArgumentException.class, () -> other.fit(data, richFit(5).backup(backup)))
        .getMessage();
    assertTrue(message.contains("is damaged or truncated"), message);

    Checkpoint.save(backup, other.architecture(), other.parameters());
    message = assertThrows(IllegalArgumentException.class, () -> other.fit(data, richFit(5).backup(backup)))
        .getMessage();
    assertEquals("backup " + backup + " is a plain checkpoint, not a training backup; move it away or give another "
        + "backup file", message);
    assertArrayEquals(before, other.parameters());
  }

  @Test
  void aBackupLoadsAsAPlainCheckpoint() throws IOException {
    Path backup = dir.resolve("run.backup");
    HandNet net = FitTest.xorNet();
    assertThrows(Crash.class, () -> net.fit(Data.of(FitTest.XOR_X, FitTest.XOR_Y, 4), Fit.epochs(9)
        .optimizer(new Adam(0.1f)).backup(backup).silent().listener(Listener.onEpochEnd(s -> {
          if (s.epoch() == 4) {
            throw new Crash();
          }
        }))));
    HandNet threeEpochs = FitTest.xorNet();
    threeEpochs.fit(Data.of(FitTest.XOR_X, FitTest.XOR_Y, 4), Fit.epochs(3).optimizer(new Adam(0.1f)).silent());
    float[] loaded = new float[9];
    Checkpoint.load(backup, net.architecture(), loaded);
    assertArrayEquals(threeEpochs.parameters(), loaded, "the backup's parameters are epoch 3's");
  }

  /**
   * Kills a child JVM running {@link BackupChild} with SIGKILL ({@code Process.destroyForcibly} on Linux) at
   * random moments, starts it again each time, and compares what the run that finally completes returns
   * with an uninterrupted run in another child: bit for bit.
   */
  @Test
  void survivesKillNineAtRandomMoments() throws Exception {
    int epochs = 1000;
    Path reference = dir.resolve("reference.bin");
    long start = System.nanoTime();
    Process clean = child("-", reference, epochs);
    assertEquals(0, clean.waitFor(), output(clean));
    // kill delays scale with how long a whole run takes on this machine, idle or loaded, so that the kills
    // land before the run can finish: at most a third of it for the even kills, a tenth for the odd ones
    int runMillis = (int) Math.max(30, (System.nanoTime() - start) / 1_000_000);

    Path backup = dir.resolve("child.backup");
    Path result = dir.resolve("result.bin");
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> kills = new ArrayList<>();
    int killedWithBackup = 0;
    String finalOutput = null;
    // six kills: the even ones at a random moment (perhaps before the first backup, perhaps while one is
    // written), the odd ones a random moment after a backup appeared; then the run is let finish
    for (int attempt = 0; attempt < 30 && finalOutput == null; attempt++) {
      Process process = child(backup.toString(), result, epochs);
      if (kills.size() < 6) {
        long delay = random.nextInt(kills.size() % 2 == 0 ? runMillis / 3 : runMillis / 10);
        boolean waitForBackup = kills.size() % 2 == 1;
        while (waitForBackup && !Files.exists(backup) && process.isAlive()) {
          Thread.sleep(5);
        }
        if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
          boolean hadBackup = Files.exists(backup);
          process.destroyForcibly().waitFor();
          kills.add((waitForBackup ? "a backup + " : "") + delay + " ms" + (hadBackup ? " (backup present)" : ""));
          killedWithBackup += hadBackup ? 1 : 0;
          continue;
        }
      }
      int exit = process.waitFor();
      String output = output(process);
      assertEquals(0, exit, output);
      finalOutput = output;
    }
    System.out.println("kill -9 test (seed " + seed + "): killed after " + kills + "; then " + finalOutput.trim());
    assertTrue(killedWithBackup >= 2, "kills landed while a backup existed: " + kills);
    assertTrue(finalOutput.matches("(?s)resumed after [1-9][0-9]* epochs.*"), finalOutput);
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(result),
        "parameters, every step's loss and the history, bit for bit");
    assertFalse(Files.exists(backup), "the backup is deleted when fit completes");
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left behind");
    }
  }

  private static Process child(String backup, Path result, int epochs) throws IOException {
    // the child chooses the scalar products: without the Vector API it would warn once on its merged output
    return ChildJvm.of(BackupChild.class, List.of("-Dchainrule.vector=false"), backup, result.toString(),
        Integer.toString(epochs)).redirectErrorStream(true).start();
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Found by a probe: a retry at a smaller rate after a divergence resumed at the old rate, and diverged again. */
  @Test
  void aBackupOfAnotherLearningRateIsRefused() {
    Data data = BackupChild.data();
    Path backup = dir.resolve("rate.backup");
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(Crash.class, () -> net.fit(data, Fit.epochs(4).optimizer(new Sgd(0.5f)).batchSize(64).silent()
        .backup(backup).listener(Listener.onEpochEnd(s -> {
          if (s.epoch() == 2) {
            throw new Crash();
          }
        }))));
    HandNet retry = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    String message = assertThrows(IllegalArgumentException.class, () -> retry.fit(data,
        Fit.epochs(4).optimizer(new Sgd(0.05f)).batchSize(64).silent().backup(backup))).getMessage();
    assertTrue(message.contains("other options (epochs, batch size, shuffle, dropLast, validation, monitor, early "
        + "stopping, schedule, optimizer, learning rate)"), message);
    assertEquals(4, retry.fit(data, Fit.epochs(4).optimizer(new Sgd(0.5f)).batchSize(64).silent().backup(backup))
        .epochs(), "the same rate resumes");
  }

  /** The same Fit, with a schedule, resumes after a listener's crash: the crash gave the optimizer its rate back. */
  @Test
  void theSameScheduledFitResumesAfterACrash() {
    Data data = BackupChild.data();
    Path backup = dir.resolve("scheduled.backup");
    int[] crashes = {0};
    Fit fit = Fit.epochs(4).optimizer(new Sgd(0.5f)).batchSize(64).schedule(chainrule.Schedule.step(1, 0.5))
        .silent().backup(backup).listener(Listener.onEpochEnd(s -> {
          if (s.epoch() == 2 && crashes[0]++ == 0) {
            throw new Crash();
          }
        }));
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(Crash.class, () -> net.fit(data, fit));
    assertEquals(0.5f, fit.optimizer().learningRate());
    HandNet retry = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    History resumed = retry.fit(data, fit);
    assertEquals(1, resumed.resumedEpochs(), "epoch 2 crashed in its listener, before its backup");
    assertArrayEquals(new float[] {0.5f, 0.25f, 0.125f, 0.0625f}, resumed.learningRates());
  }

  /** Found by review: a failed backup write left the scheduled rate on the optimizer, and the retry was refused. */
  @Test
  void aFailedBackupWriteGivesTheRateBackToo() throws IOException {
    Data data = BackupChild.data();
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Fit fit = Fit.epochs(3).optimizer(new Sgd(0.5f)).batchSize(64).schedule(chainrule.Schedule.step(1, 0.5))
        .silent().backup(sub.resolve("b.backup")).listener(Listener.onEpochEnd(s -> {
          if (s.epoch() == 2) {
            try (var files = Files.list(sub)) { // the disk is gone: the next backup cannot be written
              for (Path f : files.toList()) {
                Files.delete(f);
              }
              Files.delete(sub);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        }));
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    assertThrows(RuntimeException.class, () -> net.fit(data, fit));
    assertEquals(0.5f, fit.optimizer().learningRate());
  }
}
