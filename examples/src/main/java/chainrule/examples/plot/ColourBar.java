package chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.util.List;

/**
 * The diverging map as a vertical bar beside the plot, p = 0 at the bottom spine's row and 1 at the top one's
 * (as the plot's y axis), ticked 0.0 to 1.0 and labelled, with the 0.5 contour level marked across it.
 */
final class ColourBar {
  static final int WIDTH = 16;
  private static final int TICK = 5;
  private static final int PAD = 5;

  private ColourBar() {}

  private static List<Scale.Tick> ticks() {
    return Scale.linear(0, 1, 6, false).ticks();
  }

  /** The pixels the bar takes from its left edge: the bar, its ticks, their labels and its label. */
  static int width(Graphics2D g, String label) {
    int labels = 0;
    for (Scale.Tick t : ticks()) {
      labels = Math.max(labels, Axes.width(g, t));
    }
    return WIDTH + 1 + TICK + PAD + labels + 2 * PAD + g.getFontMetrics(Canvas.LABEL_FONT).getHeight() + PAD;
  }

  /** Draws the bar from column {@code x}, level with {@code area}. */
  static void draw(Graphics2D g, Rectangle area, int x, String label) {
    for (int row = 0; row < area.height; row++) {
      g.setColor(new Color(Palette.diverging((double) (area.height - row) / (area.height + 1))));
      g.fillRect(x, area.y + row, WIDTH, 1);
    }
    g.setColor(Palette.INK);
    g.setStroke(new BasicStroke(2f));
    double half = y(area, 0.5);
    g.draw(new Line2D.Double(x, half, x + WIDTH, half));
    g.setColor(Canvas.TEXT);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle.Double(x - 0.5, area.y - 0.5, WIDTH + 1, area.height + 1));
    int labels = 0;
    FontMetrics tick = g.getFontMetrics(Canvas.TICK_FONT);
    for (Scale.Tick t : ticks()) {
      double y = Axes.pixelCentre(y(area, t.value()));
      g.draw(new Line2D.Double(x + WIDTH + 1, y, x + WIDTH + 1 + TICK, y));
      Axes.drawTickLabel(g, t, x + WIDTH + 1 + TICK + PAD, y + tick.getAscent() / 2.0 - 1);
      labels = Math.max(labels, Axes.width(g, t));
    }
    g.setFont(Canvas.LABEL_FONT);
    FontMetrics metrics = g.getFontMetrics();
    AffineTransform saved = g.getTransform();
    g.translate(x + WIDTH + 1 + TICK + PAD + labels + 2 * PAD + metrics.getAscent(), area.y + area.height / 2.0);
    g.rotate(-Math.PI / 2); // reads bottom to top, as the y label
    g.drawString(label, -metrics.stringWidth(label) / 2f, 0);
    g.setTransform(saved);
  }

  /** Pixel y of p on the bar: as {@link Axes#py} on a [0, 1] axis. */
  private static double y(Rectangle area, double p) {
    return area.y + area.height + 0.5 - p * (area.height + 1);
  }
}
