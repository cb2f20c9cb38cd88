package chainrule.examples.plot;

import static chainrule.examples.plot.LossCurvesTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryTest {
  /** The field's colours at p = 0 and p = 1, and the markers' fills (Palette). */
  private static final Color FIELD_0 = new Color(0xe8907a);
  private static final Color FIELD_1 = new Color(0x82b4d8);
  private static final Color CLASS_0 = new Color(0xca0020);
  private static final Color CLASS_1 = new Color(0x0571b0);

  @TempDir Path dir;

  private static boolean dark(BufferedImage image, int x, int y) {
    Color c = new Color(image.getRGB(x, y));
    return c.getRed() + c.getGreen() + c.getBlue() < 3 * 100;
  }

  /** Pixel column of x0 on a [min, max] axis spanning the plot area spine to spine. */
  private static int column(Rectangle area, double x0, double min, double max) {
    return (int) Math.floor(area.x - 0.5 + (x0 - min) / (max - min) * (area.width + 1));
  }

  private static int row(Rectangle area, double x1, double min, double max) {
    return (int) Math.floor(area.y + area.height + 0.5 - (x1 - min) / (max - min) * (area.height + 1));
  }

  @Test
  void aStepInX0ColoursTheLeftHalfClass0AndTheRightHalfClass1WithTheContourInTheMiddle() {
    Drawn drawn = DecisionBoundary.of((x0, x1) -> x0 > 0 ? 1 : 0).x0Range(-1, 1).x1Range(-1, 1).draw();
    BufferedImage image = drawn.image();
    Rectangle area = drawn.axes().area();
    int middle = column(area, 0, -1, 1);
    for (int y = area.y + 2; y < area.y + area.height - 2; y++) {
      for (int x = area.x + 2; x < area.x + area.width - 2; x++) {
        Color expected = x < middle - 6 ? FIELD_0 : x > middle + 6 ? FIELD_1 : null;
        if (expected != null && !Pixels.near(image, x, y, expected, 0)) {
          fail((expected == FIELD_0 ? "class 0 colour left: " : "class 1 colour right: ") + Pixels.describe(image, x, y));
        }
      }
      List<Integer> ink = new ArrayList<>();
      for (int x = area.x + 2; x < area.x + area.width - 2; x++) {
        if (dark(image, x, y)) {
          ink.add(x);
        }
      }
      assertTrue(!ink.isEmpty() && ink.get(0) >= middle - 2 && ink.get(ink.size() - 1) <= middle + 2,
          "row " + y + ": the contour within 2 px of column " + middle + ", was at " + ink);
    }
  }

  @Test
  void x1GrowsUpTheImage() {
    Drawn drawn = DecisionBoundary.of((x0, x1) -> x1 > 0.5f ? 1 : 0).x0Range(-1, 1).x1Range(0, 2).draw();
    Rectangle area = drawn.axes().area();
    int x = (int) area.getCenterX();
    assertTrue(Pixels.near(drawn.image(), x, area.y + 3, FIELD_1, 0), "top is class 1");
    assertTrue(Pixels.near(drawn.image(), x, area.y + area.height - 3, FIELD_0, 0), "bottom is class 0");
    int contour = row(area, 0.5, 0, 2);
    assertTrue(dark(drawn.image(), x, contour), "the contour on the row of x1 = 0.5, " + contour);
  }

  @Test
  void theBatchFormIsCalledOnceWithTheWholeGridEdgeToEdge() {
    List<float[]> calls = new ArrayList<>();
    DecisionBoundary.ofBatch((xy, rows) -> {
      calls.add(xy.clone());
      assertEquals(2 * rows, xy.length);
      return new float[rows];
    }).x0Range(-2, 3).x1Range(10, 11).resolution(50).render();
    assertEquals(1, calls.size(), "calls");
    float[] xy = calls.get(0);
    assertEquals(2 * 50 * 50, xy.length);
    assertEquals(-2f, xy[0]);
    assertEquals(10f, xy[1]);
    assertEquals(3f, xy[2 * 49], "row 49: the last x0 of the first grid row");
    assertEquals(10f, xy[2 * 49 + 1]);
    assertEquals(-2f, xy[2 * 50], "row 50: the next grid row, one step of x1 up");
    assertEquals(10 + 1f / 49, xy[2 * 50 + 1], 1e-6);
    assertEquals(3f, xy[xy.length - 2]);
    assertEquals(11f, xy[xy.length - 1]);
  }

  @Test
  void pointsAreDrawnWhereTheirCoordinatesAreInTheirClassColourWithAnOutline() {
    float[] xy = {0.5f, 0.5f, -0.5f, -0.25f, -1f, 1f};
    int[] labels = {1, 0, 1};
    Drawn drawn = DecisionBoundary.of((x0, x1) -> 0.5f).x0Range(-1, 1).x1Range(-1, 1).points(xy, labels).draw();
    BufferedImage image = drawn.image();
    Rectangle area = drawn.axes().area();
    for (int r = 0; r < 2; r++) {
      int x = column(area, xy[2 * r], -1, 1);
      int y = row(area, xy[2 * r + 1], -1, 1);
      Color fill = labels[r] == 0 ? CLASS_0 : CLASS_1;
      assertTrue(Pixels.near(image, x, y, fill, 0), "point " + r + ": " + Pixels.describe(image, x, y));
      for (int[] d : new int[][] {{3, 0}, {-3, 0}, {0, 3}, {0, -3}}) {
        assertTrue(Pixels.near(image, x + d[0], y + d[1], fill, 0),
            "point " + r + " is a disc centred there: " + Pixels.describe(image, x + d[0], y + d[1]));
      }
      boolean outlined = false;
      for (int dx = 4; dx <= 6; dx++) {
        outlined |= dark(image, x + dx, y);
      }
      assertTrue(outlined, "point " + r + " has a dark outline about 5 px right of its centre");
      assertTrue(Pixels.near(image, x + 8, y, Color.WHITE, 0) && Pixels.near(image, x - 8, y, Color.WHITE, 0),
          "p = 0.5 is white either side of point " + r);
    }
    // (-1, 1) is the top left corner, on the spines: a quarter of its disc shows inside the area.
    assertTrue(Pixels.near(image, area.x + 1, area.y + 1, CLASS_1, 0), Pixels.describe(image, area.x + 1, area.y + 1));
    assertTrue(drawn.legend().y + drawn.legend().height <= area.y, "the legend sits above the plot area");
    assertTrue(Pixels.count(image, drawn.legend(), CLASS_0, 0) > 10 && Pixels.count(image, drawn.legend(), CLASS_1, 0) > 10,
        "the legend shows both classes");
  }

  @Test
  void withoutRangesThePointsBoxWithA15PercentMarginIsShown() {
    float[] xy = {0, 0, 1, 2};
    Drawn drawn = DecisionBoundary.of((x0, x1) -> 0.5f).points(xy, new float[] {0, 1}).draw();
    Rectangle area = drawn.axes().area();
    int x = column(area, 0, -0.15, 1.15);
    int y = row(area, 0, -0.3, 2.3);
    assertTrue(Pixels.near(drawn.image(), x, y, CLASS_0, 0), Pixels.describe(drawn.image(), x, y));
    x = column(area, 1, -0.15, 1.15);
    y = row(area, 2, -0.3, 2.3);
    assertTrue(Pixels.near(drawn.image(), x, y, CLASS_1, 0), Pixels.describe(drawn.image(), x, y));
  }

  @Test
  void writesAPngOfTheSizeAsked() throws IOException {
    Path path = dir.resolve("boundary.png");
    DecisionBoundary.of((x0, x1) -> x0 * x0 + x1 * x1 < 1 ? 1 : 0).x0Range(-2, 2).x1Range(-2, 2).size(500, 400)
        .title("unit disc").write(path);
    BufferedImage read = ImageIO.read(path.toFile());
    assertEquals(500, read.getWidth());
    assertEquals(400, read.getHeight());
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    DecisionBoundary plot = DecisionBoundary.of((x0, x1) -> 0.5f);
    assertMessage(() -> plot.x0Range(0, Double.NaN), "x0Range must be finite with min < max, was [0.0, NaN]");
    assertMessage(() -> plot.x1Range(1, -1), "x1Range must be finite with min < max, was [1.0, -1.0]");
    assertMessage(() -> plot.x1Range(1, 1), "x1Range must be finite with min < max, was [1.0, 1.0]");
    assertMessage(plot::render, "x0Range must be set when there are no points to take it from");
    assertMessage(() -> plot.resolution(1), "resolution must be in [2, 2000] samples per axis, was 1");
    assertMessage(() -> plot.points(new float[] {0, 0, 1}, new int[] {0, 1}),
        "xy must hold 2 floats per label (rows × 2), so 4 for 2 labels, was 3");
    assertMessage(() -> plot.points(new float[] {0, 0, 1, 1}, new int[] {0, 2}), "labels[1] must be 0 or 1, was 2");
    assertMessage(() -> plot.points(new float[] {0, 0, 1, 1}, new float[] {0.5f, 1}), "labels[0] must be 0 or 1, was 0.5");
    assertMessage(() -> plot.points(new float[] {0, Float.NaN}, new int[] {0}), "xy row 0 must be finite, was (0.0, NaN)");
    DecisionBoundary box = plot.x0Range(0, 1).x1Range(0, 1).resolution(2);
    assertMessage(() -> DecisionBoundary.ofBatch((xy, rows) -> new float[2 * rows]).x0Range(0, 1).x1Range(0, 1).render(),
        "predict(xy, rows) must return one value per row, 40000 for rows = 40000, was 80000");
    assertMessage(() -> DecisionBoundary.of((x0, x1) -> x0 + x1 + 0.5f).x0Range(0, 1).x1Range(0, 1).resolution(2).render(),
        "predict(xy, rows)[1] at (1.0, 0.0) must be a probability in [0, 1], was 1.5");
    assertMessage(() -> DecisionBoundary.of((x0, x1) -> Float.NaN).x0Range(0, 1).x1Range(0, 1).render(),
        "predict(xy, rows)[0] at (0.0, 0.0) must be a probability in [0, 1], was NaN");
    assertMessage(() -> box.size(99, 400), "width must be in [100, 10000] pixels, was 99");
    assertMessage(() -> DecisionBoundary.of(null), "p must not be null");
  }
}
