package chainrule.examples.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The line where a sampled field crosses a level, by marching squares: in each grid cell, the level crosses
 * an edge where one corner is at or above it and the other below, at the linearly interpolated point; the
 * crossings are joined in pairs into segments.
 */
final class Contour {
  private Contour() {}

  /**
   * Segments {@code {i0, j0, i1, j1}} in grid coordinates (column i, row j; sample {@code (i, j)} is
   * {@code values[j * columns + i]}) where the field crosses {@code level}.
   */
  static List<double[]> segments(float[] values, int columns, int rows, double level) {
    List<double[]> segments = new ArrayList<>();
    for (int j = 0; j + 1 < rows; j++) {
      for (int i = 0; i + 1 < columns; i++) {
        double v00 = values[j * columns + i];
        double v10 = values[j * columns + i + 1];
        double v01 = values[(j + 1) * columns + i];
        double v11 = values[(j + 1) * columns + i + 1];
        // Crossings on the four edges, counter-clockwise from the bottom; null where there is none.
        double[] bottom = crossing(i, j, i + 1, j, v00, v10, level);
        double[] right = crossing(i + 1, j, i + 1, j + 1, v10, v11, level);
        double[] top = crossing(i + 1, j + 1, i, j + 1, v11, v01, level);
        double[] left = crossing(i, j + 1, i, j, v01, v00, level);
        if (bottom != null && right != null && top != null && left != null) {
          // A saddle: opposite corners agree. The cell's mean decides which pair is joined through the middle.
          boolean middleLikeV00 = ((v00 + v10 + v01 + v11) / 4 >= level) == (v00 >= level);
          if (middleLikeV00) { // v00 and v11 connected: cut off v10 and v01
            segments.add(join(bottom, right));
            segments.add(join(top, left));
          } else { // cut off v00 and v11
            segments.add(join(left, bottom));
            segments.add(join(right, top));
          }
          continue;
        }
        double[] first = null;
        for (double[] c : new double[][] {bottom, right, top, left}) {
          if (c == null) {
            continue;
          }
          if (first == null) {
            first = c;
          } else {
            segments.add(join(first, c));
          }
        }
      }
    }
    return segments;
  }

  /** Where {@code level} lies between the samples {@code va} at (ia, ja) and {@code vb} at (ib, jb), or null. */
  private static double[] crossing(int ia, int ja, int ib, int jb, double va, double vb, double level) {
    if ((va >= level) == (vb >= level)) {
      return null;
    }
    double t = (level - va) / (vb - va);
    return new double[] {ia + t * (ib - ia), ja + t * (jb - ja)};
  }

  private static double[] join(double[] a, double[] b) {
    return new double[] {a[0], a[1], b[0], b[1]};
  }
}
