package chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {
  private static final Color BLUE = new Color(0x1f77b4);
  private static final Color ORANGE = new Color(0xff7f0e);

  @TempDir Path dir;

  /** 0, 1/(n-1), …, 1. */
  private static double[] rising(int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = (double) i / (n - 1);
    }
    return values;
  }

  /** Pixel x of {@code epoch} when epochs 1..n are shown with matplotlib's 5 % margins, spine to spine. */
  private static double expectedX(Rectangle area, double epoch, int n) {
    double margin = 0.05 * (n - 1);
    return area.x - 0.5 + (epoch - (1 - margin)) / (n - 1 + 2 * margin) * (area.width + 1);
  }

  /** Pixel y of {@code value} on a linear axis showing [lo, hi] with 5 % margins. */
  private static double expectedY(Rectangle area, double value, double lo, double hi) {
    double margin = 0.05 * (hi - lo);
    return area.y + area.height + 0.5 - (value - (lo - margin)) / (hi - lo + 2 * margin) * (area.height + 1);
  }

  /** Mean row of {@code colour} in column x of the plot area, the legend left out; NaN if absent. */
  private static double curveRow(Drawn drawn, int x, Color colour) {
    Rectangle area = drawn.axes().area();
    double sum = 0;
    int count = 0;
    for (int y = area.y; y < area.y + area.height; y++) {
      if (!drawn.legend().contains(x, y) && Pixels.near(drawn.image(), x, y, colour, 30)) {
        sum += y;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  @Test
  void aRisingSeriesRisesFromWhereItsFirstValueBelongsToWhereItsLastDoes() {
    int n = 40;
    Drawn drawn = new LossCurves().series("train loss", rising(n)).draw();
    Rectangle area = drawn.axes().area();
    int first = (int) Math.floor(expectedX(area, 1, n));
    int last = (int) Math.floor(expectedX(area, n, n));
    assertEquals(expectedY(area, 0, 0, 1), curveRow(drawn, first, BLUE), 2, "row of the first value");
    assertEquals(expectedY(area, 1, 0, 1), curveRow(drawn, last, BLUE), 2, "row of the last value");
    assertTrue(Double.isNaN(curveRow(drawn, first - 3, BLUE)), "nothing left of the first epoch");
    assertTrue(Double.isNaN(curveRow(drawn, last + 3, BLUE)), "nothing right of the last epoch");
    double previous = Double.POSITIVE_INFINITY;
    for (int x = first; x <= last; x++) {
      double row = curveRow(drawn, x, BLUE);
      assertFalse(Double.isNaN(row), "the line is unbroken, column " + x);
      assertTrue(row <= previous + 0.5, "column " + x + ": row " + row + " after " + previous + " (up is smaller)");
      previous = row;
    }
  }

  @Test
  void onALogScaleAnExponentialDecayIsAStraightLine() {
    int n = 31;
    double[] decay = new double[n];
    for (int i = 0; i < n; i++) {
      decay[i] = Math.pow(10, -i / 10.0); // 1 down to 1e-3
    }
    Drawn drawn = new LossCurves().series("train loss", decay).logScale(true).draw();
    Rectangle area = drawn.axes().area();
    int first = (int) Math.floor(expectedX(area, 1, n));
    int last = (int) Math.floor(expectedX(area, n, n));
    double top = curveRow(drawn, first, BLUE);
    double bottom = curveRow(drawn, last, BLUE);
    assertTrue(bottom - top > 0.8 * area.height, "falls across the plot: " + top + " to " + bottom);
    double worst = 0;
    for (int x = first; x <= last; x++) {
      double straight = top + (bottom - top) * (x - first) / (last - first);
      worst = Math.max(worst, Math.abs(curveRow(drawn, x, BLUE) - straight));
    }
    assertTrue(worst < 1.5, "largest distance from the straight line " + worst + " px");
  }

  @Test
  void missingValuesBreakTheLineAndALoneValueIsADot() {
    int n = 40;
    double[] values = rising(n);
    for (int i = 10; i <= 14; i++) {
      values[i] = Double.NaN; // epochs 11..15
    }
    values[24] = Double.POSITIVE_INFINITY; // epoch 25: with 23 missing too, epoch 24 stands alone
    values[22] = Double.NaN;
    Drawn drawn = new LossCurves().series("train loss", values).draw();
    Rectangle area = drawn.axes().area();
    for (int x = (int) expectedX(area, 10, n) + 3; x < expectedX(area, 16, n) - 3; x++) {
      assertTrue(Double.isNaN(curveRow(drawn, x, BLUE)), "gap at column " + x + " between epochs 10 and 16");
    }
    assertFalse(Double.isNaN(curveRow(drawn, (int) Math.round(expectedX(area, 5, n)), BLUE)), "line at epoch 5");
    int lone = (int) Math.floor(expectedX(area, 24, n));
    assertEquals(expectedY(area, 23.0 / 39, 0, 1), curveRow(drawn, lone, BLUE), 1.5, "the dot of epoch 24");
    assertTrue(Double.isNaN(curveRow(drawn, lone + 6, BLUE)), "nothing joins it to epoch 26");
  }

  @Test
  void eachSeriesHasItsColourAndItsLegendEntry() {
    double[] validation = rising(40);
    for (int i = 0; i < validation.length; i++) {
      validation[i] = 0.5 + validation[i] / 4;
    }
    Drawn drawn = new LossCurves().series("train", rising(40)).series("validation", validation).draw();
    assertTrue(Pixels.count(drawn.image(), drawn.axes().area(), BLUE, 20) > 200, "blue train curve");
    assertTrue(Pixels.count(drawn.image(), drawn.axes().area(), ORANGE, 20) > 200, "orange validation curve");
    assertTrue(Pixels.count(drawn.image(), drawn.legend(), BLUE, 20) > 20, "blue legend sample");
    assertTrue(Pixels.count(drawn.image(), drawn.legend(), ORANGE, 20) > 20, "orange legend sample");
    assertTrue(drawn.axes().area().contains(drawn.legend()), "legend inside the plot");
  }

  @Test
  void theLegendGoesWhereTheCurveIsNot() {
    Rectangle rising = new LossCurves().series("train loss", rising(40)).draw().legend();
    double[] falling = rising(40);
    for (int i = 0; i < falling.length; i++) {
      falling[i] = 1 - falling[i];
    }
    Drawn drawn = new LossCurves().series("train loss", falling).draw();
    Rectangle area = drawn.axes().area();
    double middleX = area.getCenterX();
    double middleY = area.getCenterY();
    assertTrue(rising.getCenterX() < middleX && rising.getCenterY() < middleY, "rising: upper left, was " + rising);
    Rectangle legend = drawn.legend();
    assertTrue(legend.getCenterX() > middleX && legend.getCenterY() < middleY, "falling: upper right, was " + legend);
  }

  @Test
  void writesAPngOfTheSizeAskedAtomically() throws IOException {
    LossCurves curves = new LossCurves().series("train loss", new float[] {0.7f, 0.5f, 0.4f}).size(640, 400);
    Path path = dir.resolve("plots/run 1/loss.png");
    curves.write(path);
    curves.series("validation loss", new float[] {0.8f, 0.6f, 0.55f}).write(path); // replaces the first
    BufferedImage read = ImageIO.read(path.toFile());
    assertEquals(640, read.getWidth());
    assertEquals(400, read.getHeight());
    BufferedImage expected = curves.series("validation loss", new float[] {0.8f, 0.6f, 0.55f}).render();
    assertArrayEquals(expected.getRGB(0, 0, 640, 400, null, 0, 640), read.getRGB(0, 0, 640, 400, null, 0, 640),
        "the file holds the picture render() draws");
    try (Stream<Path> files = Files.list(path.getParent())) {
      assertEquals(List.of(path), files.toList(), "no temporary file left behind");
    }
    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    LossCurves curves = new LossCurves();
    assertMessage(() -> curves.series("train loss", new double[0]), "series 'train loss' must have at least one value, was empty");
    assertMessage(() -> curves.series("train loss", (float[]) null), "series 'train loss' must have at least one value, was null");
    assertMessage(() -> curves.series(" ", new double[] {1}), "series name must not be blank, was ' '");
    assertMessage(() -> curves.series("a", new double[] {1}).series("a", new double[] {2}), "series name must be new, was 'a' twice");
    assertMessage(curves::render, "series: a plot needs at least one, was none");
    assertMessage(() -> curves.series("a", new double[] {Double.NaN}).series("b", new double[] {Double.NEGATIVE_INFINITY}).render(),
        "series must hold at least one finite value, was none in 'a', 'b'");
    assertMessage(() -> curves.series("a", new double[] {0, -1}).logScale(true).render(),
        "series must hold at least one finite value > 0 (log scale), was none in 'a'");
    assertMessage(() -> curves.size(0, 500), "width must be in [100, 10000] pixels, was 0");
    assertMessage(() -> curves.size(800, 20_000), "height must be in [100, 10000] pixels, was 20000");
    assertMessage(() -> curves.title(null), "title must not be null");
  }

  static void assertMessage(Runnable call, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(start), "message: " + e.getMessage());
  }
}
