package chainrule.internal;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Metric;
import chainrule.Schedule;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The program {@link BackupTest} runs in a child JVM and kills: a shuffled Adam run on the breast cancer
 * rows, with validation, metrics, a plateau schedule and early stopping, backed up after every epoch.
 * Arguments: the backup file (or {@code -} for none), the result file, the number of epochs. When
 * {@code fit} returns it writes the final parameters, every step's loss and the history's CSV to the
 * result file (atomically), and prints how many epochs came from the backup.
 */
public final class BackupChild {
  private BackupChild() {}

  public static void main(String[] args) throws IOException {
    Path backup = args[0].equals("-") ? null : Path.of(args[0]);
    Path result = Path.of(args[1]);
    int epochs = Integer.parseInt(args[2]);
    HandNet net = HandNet.create(777, 30, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    Fit fit = fit(epochs);
    if (backup != null) {
      fit = fit.backup(backup);
    }
    History history = net.fit(data(), fit);
    System.out.println("resumed after " + history.resumedEpochs() + " epochs");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (float p : net.parameters()) {
      out.writeInt(Float.floatToRawIntBits(p));
    }
    for (float loss : history.batchLosses()) {
      out.writeInt(Float.floatToRawIntBits(loss));
    }
    byte[] csv = history.toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8); // writeUTF stops at 64 kB
    out.writeInt(csv.length);
    out.write(csv);
    out.writeInt(history.bestEpoch());
    out.writeUTF(history.stopReason().name());
    Path temporary = result.resolveSibling(result.getFileName() + ".part");
    Files.write(temporary, bytes.toByteArray());
    Files.move(temporary, result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static Data data() {
    ReferenceTrace trace = ReferenceTrace.read("breast_cancer_standardised.txt");
    return Data.of(trace.floats("x"), trace.floats("y"), trace.integer("rows"));
  }

  static Fit fit(int epochs) {
    return Fit.epochs(epochs).batchSize(64).shuffle(true).optimizer(new Adam(0.003f)).validationSplit(0.2)
        .metrics(Metric.ACCURACY, Metric.AUC).schedule(Schedule.reduceOnPlateau(0.5, 3)).earlyStopping(1000)
        .restoreBest(true).silent();
  }
}
