package chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContourTest {

  @Test
  void aRampCrossesItsLevelOnAStraightLineAtTheInterpolatedPlace() {
    int columns = 5;
    int rows = 4;
    float[] ramp = new float[columns * rows];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < columns; i++) {
        ramp[j * columns + i] = i; // 0, 1, 2, 3, 4 along each row
      }
    }
    List<double[]> segments = Contour.segments(ramp, columns, rows, 2.25);
    assertEquals(rows - 1, segments.size(), "one segment per row of cells");
    for (int j = 0; j < rows - 1; j++) {
      double[] s = segments.get(j);
      assertArrayEquals(new double[] {2.25, j, 2.25, j + 1}, s, 1e-12, "cell row " + j);
    }
  }

  @Test
  void aSaddleIsSplitTheWayTheCellsMeanSays() {
    // v00 = v11 = 1, v10 = v01 = 0: the mean 0.5 is at the level, so the 1s connect and the 0s are cut off.
    List<double[]> joined = Contour.segments(new float[] {1, 0, 0, 1}, 2, 2, 0.5);
    assertEquals(2, joined.size());
    assertArrayEquals(new double[] {0.5, 0, 1, 0.5}, joined.get(0), 1e-12, "around v10");
    assertArrayEquals(new double[] {0.5, 1, 0, 0.5}, joined.get(1), 1e-12, "around v01");
    // Below the level on the mean: the 0s connect and the 1s are cut off.
    List<double[]> cut = Contour.segments(new float[] {1, 0, 0, 1}, 2, 2, 0.6);
    assertArrayEquals(new double[] {0, 0.4, 0.4, 0}, cut.get(0), 1e-12, "around v00");
    assertArrayEquals(new double[] {1, 0.6, 0.6, 1}, cut.get(1), 1e-12, "around v11");
  }

  @Test
  void aConeCrossesItsLevelOnACircle() {
    int n = 81;
    float[] cone = new float[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        cone[j * n + i] = (float) Math.hypot(i - 40, j - 40);
      }
    }
    List<double[]> segments = Contour.segments(cone, n, n, 25);
    double length = 0;
    for (double[] s : segments) {
      assertEquals(25, Math.hypot(s[0] - 40, s[1] - 40), 0.05, "start on the circle");
      assertEquals(25, Math.hypot(s[2] - 40, s[3] - 40), 0.05, "end on the circle");
      length += Math.hypot(s[2] - s[0], s[3] - s[1]);
    }
    assertEquals(2 * Math.PI * 25, length, 0.5, "the segments go once around");
    assertTrue(Contour.segments(cone, n, n, 100).isEmpty(), "a level the field never reaches has no line");
  }
}
