package chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * Legends: a box inside the plot area, placed like matplotlib's {@code loc='best'} (of the nine places along
 * the edges and the centre, the one covering the fewest data points, the first in matplotlib's order on a
 * tie), or a frameless row above the plot.
 */
final class Legend {
  /** What an entry shows before its label: a line, a marker, or a line through a marker. */
  enum Sample { LINE, MARKER, LINE_AND_MARKER }

  record Entry(String label, Color color, Sample sample) {}

  private static final int PAD = 8;
  private static final int SAMPLE_WIDTH = 28;
  private static final int INSET = 10;
  /** matplotlib's order for 'best': upper right, upper left, lower left, lower right, right, centre left, … */
  private static final double[][] PLACES = {
    {1, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 0.5}, {0, 0.5}, {0.5, 1}, {0.5, 0}, {0.5, 0.5},
  };

  private Legend() {}

  /**
   * Draws the entries in the best place of {@code area}, given the pixel positions of the data
   * ({@code xs[i], ys[i]}, NaN skipped), and returns the box drawn.
   */
  static Rectangle draw(Graphics2D g, List<Entry> entries, Rectangle area, double[] xs, double[] ys) {
    g.setFont(Canvas.TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    int row = metrics.getHeight() + 3;
    int labelWidth = 0;
    for (Entry e : entries) {
      labelWidth = Math.max(labelWidth, metrics.stringWidth(e.label()));
    }
    int width = PAD + SAMPLE_WIDTH + PAD + labelWidth + PAD;
    int height = PAD + row * entries.size() + PAD / 2;
    Rectangle box = best(area, width, height, xs, ys);

    g.setStroke(new BasicStroke(1f));
    RoundRectangle2D frame = new RoundRectangle2D.Double(box.x + 0.5, box.y + 0.5, box.width, box.height, 8, 8);
    g.setColor(new Color(255, 255, 255, 217)); // matplotlib's framealpha 0.8 over the data
    g.fill(frame);
    g.setColor(new Color(0xcccccc));
    g.draw(frame);
    for (int i = 0; i < entries.size(); i++) {
      drawEntry(g, entries.get(i), box.x + PAD, box.y + PAD + row * i + row / 2.0);
    }
    return box;
  }

  /**
   * Draws the entries side by side, frameless, centred on {@code centreX} with their middle at {@code middleY}
   * (a legend above the plot, where it hides nothing), and returns the space they take.
   */
  static Rectangle drawRow(Graphics2D g, List<Entry> entries, double centreX, double middleY) {
    g.setFont(Canvas.TICK_FONT);
    FontMetrics metrics = g.getFontMetrics();
    int width = 0;
    for (Entry e : entries) {
      width += (width == 0 ? 0 : 3 * PAD) + SAMPLE_WIDTH + PAD + metrics.stringWidth(e.label());
    }
    double x = centreX - width / 2.0;
    Rectangle row = new Rectangle((int) x, (int) (middleY - metrics.getHeight() / 2.0), width, metrics.getHeight());
    for (Entry e : entries) {
      drawEntry(g, e, x, middleY);
      x += SAMPLE_WIDTH + PAD + metrics.stringWidth(e.label()) + 3 * PAD;
    }
    return row;
  }

  /** One entry: its sample from {@code x} on, then its label, on the line {@code middleY}. */
  private static void drawEntry(Graphics2D g, Entry e, double x, double middleY) {
    if (e.sample() != Sample.MARKER) {
      g.setColor(e.color());
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(x, middleY, x + SAMPLE_WIDTH, middleY));
    }
    if (e.sample() != Sample.LINE) {
      marker(g, x + SAMPLE_WIDTH / 2.0, middleY, 8, e.color(), e.sample() == Sample.MARKER ? Palette.INK : e.color());
    }
    g.setColor(Canvas.TEXT);
    g.drawString(e.label(), (float) (x + SAMPLE_WIDTH + PAD), (float) (middleY + g.getFontMetrics().getAscent() / 2.0 - 1));
  }

  /** A filled circle of {@code diameter} pixels centred on ({@code x}, {@code y}) with a thin outline. */
  static void marker(Graphics2D g, double x, double y, double diameter, Color fill, Color outline) {
    Ellipse2D circle = new Ellipse2D.Double(x - diameter / 2, y - diameter / 2, diameter, diameter);
    g.setColor(fill);
    g.fill(circle);
    g.setColor(outline);
    g.setStroke(new BasicStroke(0.8f));
    g.draw(circle);
  }

  private static Rectangle best(Rectangle area, int width, int height, double[] xs, double[] ys) {
    Rectangle best = null;
    int fewest = Integer.MAX_VALUE;
    for (double[] place : PLACES) {
      int x = area.x + INSET + (int) Math.round(place[0] * (area.width - 2 * INSET - width));
      int y = area.y + INSET + (int) Math.round(place[1] * (area.height - 2 * INSET - height));
      Rectangle candidate = new Rectangle(x, y, width, height);
      int covered = 0;
      for (int i = 0; i < xs.length; i++) {
        covered += candidate.contains(xs[i], ys[i]) ? 1 : 0; // false for NaN
      }
      if (covered < fewest) {
        fewest = covered;
        best = candidate;
      }
    }
    return best;
  }
}
