package chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotDemoTest {
  @TempDir Path dir;

  @Test
  void theDemoWritesBothPicturesAtTheirDefaultSizes() throws IOException {
    PlotDemo.main(new String[] {dir.toString()});
    BufferedImage loss = ImageIO.read(dir.resolve("loss.png").toFile());
    assertEquals(800, loss.getWidth());
    assertEquals(500, loss.getHeight());
    BufferedImage boundary = ImageIO.read(dir.resolve("boundary.png").toFile());
    assertEquals(720, boundary.getWidth());
    assertEquals(560, boundary.getHeight());
  }

  @Test
  void bceIsTorchsWithTheLogClampedAtMinus100() {
    assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, PlotDemo.bce(new float[] {0.9f, 0.2f}, new float[] {1, 0}), 1e-6);
    assertEquals(50f, PlotDemo.bce(new float[] {0f, 0f}, new float[] {1, 0}), 1e-6, "log 0 counts as -100");
  }

  @Test
  void moonsAreTwoInterleavedArcsWithAlternatingLabels() {
    PlotDemo.Moons moons = PlotDemo.Moons.sample(1000, 0, new Random(1));
    for (int r = 0; r < moons.rows(); r++) {
      double x0 = moons.xy()[2 * r];
      double x1 = moons.xy()[2 * r + 1];
      assertEquals(r % 2, moons.labels()[r]);
      // Without noise, class 0 lies on the unit circle's upper half, class 1 on the lower half of the one about (1, 1/2).
      double radius = r % 2 == 0 ? Math.hypot(x0, x1) : Math.hypot(x0 - 1, x1 - 0.5);
      assertEquals(1, radius, 1e-6, "row " + r);
      assertTrue(r % 2 == 0 ? x1 >= -1e-6 : x1 <= 0.5 + 1e-6, "row " + r + " on its half");
    }
  }
}
