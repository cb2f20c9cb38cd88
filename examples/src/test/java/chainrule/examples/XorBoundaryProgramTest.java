package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Sgd;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xor-boundary}: lab-08_2's network trained through {@code fit}, and its two pictures. */
class XorBoundaryProgramTest {
  @TempDir static Path dir;
  static XorBoundaryProgram.Run run;
  static String printed;

  @BeforeAll
  static void trainOnce() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run = XorBoundaryProgram.train(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTrainedNetworkClassifiesTheFourPointsRight() {
    assertArrayEquals(new int[] {0, 1, 1, 0}, run.net().predict(Lecture.X, Lecture.ROWS), printed);
    assertTrue(printed.contains("(0, 1): p 0.99"), printed);
  }

  @Test
  void fitRanTheLecturesLoopEpochForStep() {
    float[] loss = run.history().loss();
    assertEquals(Lecture.STEPS, loss.length);
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    Sgd sgd = new Sgd(Lecture.LEARNING_RATE);
    List<Integer> differ = new ArrayList<>();
    for (int step = 0; step < Lecture.STEPS; step++) {
      float cost = net.trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, sgd);
      if (Float.floatToIntBits(cost) != Float.floatToIntBits(loss[step])) {
        differ.add(step);
      }
    }
    assertEquals(List.of(), differ, "steps whose loss differs from the trainStep loop's");
    assertArrayEquals(net.parameters(), run.net().parameters());
  }

  @Test
  void boundaryPngShowsBothClassesAtTheDefaultSize() throws IOException {
    BufferedImage image = ImageIO.read(run.boundaryPng().toFile());
    assertNotNull(image, "ImageIO reads boundary.png");
    assertEquals(720, image.getWidth());
    assertEquals(560, image.getHeight());
    // The field is red where p(1) is low and blue where it is high: XOR's band covers a large part of both.
    int red = 0;
    int blue = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        red += r > b + 60 ? 1 : 0;
        blue += b > r + 60 ? 1 : 0;
      }
    }
    int pixels = image.getWidth() * image.getHeight();
    assertTrue(red > pixels / 10 && blue > pixels / 10, red + " red and " + blue + " blue pixels of " + pixels);
  }

  @Test
  void lossPngIsAReadablePictureOfTheDefaultSize() throws IOException {
    BufferedImage image = ImageIO.read(run.lossPng().toFile());
    assertNotNull(image, "ImageIO reads loss.png");
    assertEquals(800, image.getWidth());
    assertEquals(500, image.getHeight());
    assertTrue(printed.contains("wrote " + run.boundaryPng() + " and " + run.lossPng()), printed);
  }
}
