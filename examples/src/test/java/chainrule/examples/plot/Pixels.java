package chainrule.examples.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Looking at a rendered image: which pixels of a region have (nearly) a given colour. */
final class Pixels {
  private Pixels() {}

  /** Whether pixel (x, y) is within {@code tolerance} of {@code colour} in each of red, green and blue. */
  static boolean near(BufferedImage image, int x, int y, Color colour, int tolerance) {
    Color c = new Color(image.getRGB(x, y));
    return Math.abs(c.getRed() - colour.getRed()) <= tolerance
        && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
        && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance;
  }

  /** Mean row of the pixels in column {@code x} of {@code region} near {@code colour}, or NaN if none is. */
  static double meanRow(BufferedImage image, Rectangle region, int x, Color colour, int tolerance) {
    double sum = 0;
    int count = 0;
    for (int y = region.y; y < region.y + region.height; y++) {
      if (near(image, x, y, colour, tolerance)) {
        sum += y;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** How many pixels of {@code region} are near {@code colour}. */
  static int count(BufferedImage image, Rectangle region, Color colour, int tolerance) {
    int count = 0;
    for (int y = region.y; y < region.y + region.height; y++) {
      for (int x = region.x; x < region.x + region.width; x++) {
        count += near(image, x, y, colour, tolerance) ? 1 : 0;
      }
    }
    return count;
  }

  static String describe(BufferedImage image, int x, int y) {
    return String.format("#%06x at (%d, %d)", image.getRGB(x, y) & 0xffffff, x, y);
  }
}
