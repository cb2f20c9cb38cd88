package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code breast-cancer} end to end on data/sklearn/breast_cancer.csv: what it prints, what it writes, how well it does. */
class BreastCancerProgramTest {
  /** The tests run in examples/, the program from the repository root. */
  static final Path DATA = Path.of("..").resolve(BreastCancerProgram.DEFAULT_DATA);

  @TempDir static Path dir;
  static BreastCancerProgram.Run run;
  static String printed;

  @BeforeAll
  static void trainOnce() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run = BreastCancerProgram.train(DATA, dir.resolve("out"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theHeldOutRowsAreClassifiedAtLeast95PercentRightWithTheBestEpochsWeights() {
    History history = run.history();
    int best = history.bestEpoch();
    assertTrue(run.validation().accuracy() >= 0.95f, run.validation() + "\n" + printed);
    assertEquals(113, run.validation().rows(), "a stratified fifth: 42 of 212 malignant, 71 of 357 benign");
    // restoreBest: evaluating after fit gives the best epoch's validation loss and accuracy, not the last one's
    assertEquals(history.validationLoss()[best - 1], run.validation().loss(), 1e-6f);
    assertEquals(history.get("val_accuracy")[best - 1], run.validation().accuracy());
    long[][] confusion = history.confusionMatrix();
    assertEquals(42, confusion[0][0] + confusion[0][1], "malignant validation rows");
    assertEquals(71, confusion[1][0] + confusion[1][1], "benign validation rows");
    assertEquals(Math.round(run.validation().accuracy() * 113), confusion[0][0] + confusion[1][1]);
  }

  @Test
  void theSummarySaysHowTrainingEndedAsTheHistoryRecordsIt() {
    History history = run.history();
    if (history.stopReason() == History.Stop.EARLY_STOPPING) {
      assertEquals(history.bestEpoch() + BreastCancerProgram.PATIENCE, history.epochs(), history.toString());
      assertTrue(history.epochs() < BreastCancerProgram.MAX_EPOCHS, history.toString());
      assertTrue(printed.contains("stopped early after epoch " + history.epochs() + " of 200: val_loss had not improved"
          + " for 10 epochs"), printed);
    } else {
      assertEquals(History.Stop.COMPLETED, history.stopReason());
      assertEquals(BreastCancerProgram.MAX_EPOCHS, history.epochs());
      assertTrue(printed.contains("completed all 200 epochs"), printed);
    }
    assertTrue(printed.contains("best epoch " + history.bestEpoch() + " (val_loss "), printed);
    assertTrue(printed.contains(String.format("validation (113 rows): loss %.4f, accuracy %.4f, AUC %.4f",
        run.validation().loss(), run.validation().accuracy(), run.validation().auc())), printed);
    long epochLines = printed.lines().filter(line -> line.startsWith("epoch ")).count();
    assertEquals(history.epochs(), epochLines, "one line per epoch");
    assertTrue(printed.contains("wrote " + run.historyCsv() + " (" + history.epochs() + " epochs) and " + run.lossPng()),
        printed);
  }

  @Test
  void historyCsvHasTheHeaderAndOneRowPerEpochRun() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("out").resolve("history.csv"));
    History history = run.history();
    assertEquals("epoch,loss,accuracy,auc,val_loss,val_accuracy,val_auc,lr", lines.get(0));
    assertEquals(history.epochs() + 1, lines.size());
    float[] loss = history.loss();
    float[] validationLoss = history.validationLoss();
    for (int e = 0; e < history.epochs(); e++) {
      String[] fields = lines.get(e + 1).split(",");
      assertEquals(8, fields.length, lines.get(e + 1));
      assertEquals(e + 1, Integer.parseInt(fields[0]));
      assertEquals(loss[e], Float.parseFloat(fields[1]), "epoch " + (e + 1));
      assertEquals(validationLoss[e], Float.parseFloat(fields[4]), "epoch " + (e + 1));
      assertEquals(BreastCancerProgram.LEARNING_RATE, Float.parseFloat(fields[7]));
    }
  }

  @Test
  void lossPngIsAReadablePictureOfTheDefaultSize() throws IOException {
    BufferedImage image = ImageIO.read(dir.resolve("out").resolve("loss.png").toFile());
    assertNotNull(image, "ImageIO reads loss.png");
    assertEquals(800, image.getWidth());
    assertEquals(500, image.getHeight());
  }

  @Test
  void aMissingDataFileIsNamedAndNothingIsWritten() {
    Path missing = dir.resolve("no-such-dir").resolve("breast_cancer.csv");
    Path out = dir.resolve("not-written");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BreastCancerProgram.train(missing, out, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().startsWith("--data " + missing + ": no such file"), e.getMessage());
    assertTrue(e.getMessage().contains("--data FILE"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void optionsAreCheckedByName() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> BreastCancerProgram.run(new String[] {"--output", "x"}, sink));
    assertEquals("breast-cancer takes --data FILE, --out DIR, was given --output", unknown.getMessage());
    IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
        () -> BreastCancerProgram.run(new String[] {"--data"}, sink));
    assertEquals("--data needs a value (breast-cancer takes --data FILE, --out DIR), was given none",
        noValue.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> BreastCancerProgram.run(new String[] {"--out", "a", "--out", "b"}, sink));
    assertEquals("--out may be given once, was given twice", twice.getMessage());
  }
}
