package chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;

/**
 * A plot area with its two scales, drawn the way matplotlib draws an {@code Axes}: four spines, outward
 * ticks with labels, a light grid, the axis labels and a title. The spines lie on the pixels just outside
 * {@link #area()}, and the data range spans spine to spine: x's {@code min} maps to the centre of the left
 * spine's pixel column ({@code area.x - 0.5}), its {@code max} to the right one's ({@code area.x + area.width
 * + 0.5}); y likewise from the bottom spine up to the top one.
 */
final class Axes {
  private static final int TICK = 5;
  private static final int MINOR_TICK = 3;
  private static final int PAD = 5;
  private static final Color GRID = new Color(0xe6e6e6);
  private static final Font EXPONENT_FONT = Canvas.TICK_FONT.deriveFont(Canvas.TICK_FONT.getSize2D() * 0.75f);

  private final Scale x;
  private final Scale y;
  private final Rectangle area;
  private final Insets reserve;

  private Axes(Scale x, Scale y, Rectangle area, Insets reserve) {
    this.x = x;
    this.y = y;
    this.area = area;
    this.reserve = reserve;
  }

  /**
   * Lays the axes out on a {@code width × height} image: the plot area is what the title, the tick labels
   * and the axis labels leave, less {@code reserve}: bands kept free around the plot area, between it and
   * its labels (for a colour bar on the right, a legend above).
   */
  static Axes layout(Graphics2D g, int width, int height, Scale x, Scale y, String title, String xLabel,
      String yLabel, Insets reserve) {
    FontMetrics tick = g.getFontMetrics(Canvas.TICK_FONT);
    FontMetrics label = g.getFontMetrics(Canvas.LABEL_FONT);
    int yTickWidth = 0;
    for (Scale.Tick t : y.ticks()) {
      yTickWidth = Math.max(yTickWidth, width(g, t));
    }
    int lastXTick = x.ticks().isEmpty() ? 0 : width(g, x.ticks().get(x.ticks().size() - 1));
    int left = 3 * PAD + (yLabel.isEmpty() ? 0 : label.getHeight() + PAD) + yTickWidth + TICK;
    int bottom = TICK + PAD + tick.getHeight() + (xLabel.isEmpty() ? 0 : PAD + label.getHeight()) + 2 * PAD;
    int top = (title.isEmpty() ? 4 * PAD : g.getFontMetrics(Canvas.TITLE_FONT).getHeight() + 4 * PAD) + reserve.top;
    int right = Math.max(5 * PAD, lastXTick / 2 + 2 * PAD) + reserve.right;
    Rectangle area = new Rectangle(left, top, width - left - right, height - top - bottom);
    if (area.width < 20 || area.height < 20) {
      throw new IllegalArgumentException("width × height must leave room for the plot, was " + width + " × "
          + height + " (plot area " + area.width + " × " + area.height + ")");
    }
    return new Axes(x, y, area, reserve);
  }

  Rectangle area() {
    return area;
  }

  /** Pixel x of data value {@code v} (NaN off a log axis). */
  double px(double v) {
    return area.x - 0.5 + x.fraction(v) * (area.width + 1);
  }

  /** Pixel y of data value {@code v}: up the image as {@code v} grows. */
  double py(double v) {
    return area.y + area.height + 0.5 - y.fraction(v) * (area.height + 1);
  }

  /** Light lines at the labelled ticks, drawn under the data. */
  void drawGrid(Graphics2D g) {
    g.setColor(GRID);
    g.setStroke(new BasicStroke(1f));
    for (Scale.Tick t : x.ticks()) {
      if (t.major()) {
        double px = pixelCentre(px(t.value()));
        g.draw(new Line2D.Double(px, area.y, px, area.y + area.height));
      }
    }
    for (Scale.Tick t : y.ticks()) {
      if (t.major()) {
        double py = pixelCentre(py(t.value()));
        g.draw(new Line2D.Double(area.x, py, area.x + area.width, py));
      }
    }
  }

  /** Spines, ticks, tick labels, axis labels and title, drawn over the data. */
  void drawFrame(Graphics2D g, String title, String xLabel, String yLabel) {
    g.setColor(Canvas.TEXT);
    g.setStroke(new BasicStroke(1f));
    // The spines lie on the pixel rows and columns just outside the area.
    g.draw(new Rectangle.Double(area.x - 0.5, area.y - 0.5, area.width + 1, area.height + 1));
    int bottom = area.y + area.height + 1;
    g.setFont(Canvas.TICK_FONT);
    FontMetrics tick = g.getFontMetrics();
    for (Scale.Tick t : x.ticks()) {
      double px = pixelCentre(px(t.value()));
      g.draw(new Line2D.Double(px, bottom, px, bottom + (t.major() ? TICK : MINOR_TICK)));
      if (t.text() != null) {
        drawTickLabel(g, t, px - width(g, t) / 2.0, bottom + TICK + PAD + tick.getAscent());
      }
    }
    for (Scale.Tick t : y.ticks()) {
      double py = pixelCentre(py(t.value()));
      g.draw(new Line2D.Double(area.x - 1, py, area.x - 1 - (t.major() ? TICK : MINOR_TICK), py));
      if (t.text() != null) {
        drawTickLabel(g, t, area.x - 1 - TICK - PAD - width(g, t), py + tick.getAscent() / 2.0 - 1);
      }
    }
    g.setFont(Canvas.LABEL_FONT);
    FontMetrics label = g.getFontMetrics();
    if (!xLabel.isEmpty()) {
      float baseline = bottom + TICK + PAD + tick.getHeight() + PAD + label.getAscent();
      g.drawString(xLabel, area.x + (area.width - label.stringWidth(xLabel)) / 2f, baseline);
    }
    if (!yLabel.isEmpty()) {
      AffineTransform saved = g.getTransform();
      g.translate(2 * PAD + label.getAscent(), area.y + area.height / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(yLabel, -label.stringWidth(yLabel) / 2f, 0);
      g.setTransform(saved);
    }
    if (!title.isEmpty()) {
      g.setFont(Canvas.TITLE_FONT);
      FontMetrics metrics = g.getFontMetrics();
      g.drawString(title, area.x + (area.width - metrics.stringWidth(title)) / 2f,
          area.y - reserve.top - 2 * PAD - metrics.getDescent());
    }
  }

  /** The pixel-row (or column) centre nearest {@code v}, so that 1-px lines are crisp. */
  static double pixelCentre(double v) {
    return Math.floor(v) + 0.5;
  }

  /** Width of a tick label, its superscript included. */
  static int width(Graphics2D g, Scale.Tick t) {
    if (t.text() == null) {
      return 0;
    }
    int w = g.getFontMetrics(Canvas.TICK_FONT).stringWidth(minus(t.text()));
    return t.exponent() == null ? w : w + g.getFontMetrics(EXPONENT_FONT).stringWidth(minus(t.exponent())) + 1;
  }

  /** Draws a tick label with its left end at {@code x} and its baseline at {@code baseline}. */
  static void drawTickLabel(Graphics2D g, Scale.Tick t, double x, double baseline) {
    g.setFont(Canvas.TICK_FONT);
    String text = minus(t.text());
    g.drawString(text, (float) x, (float) baseline);
    if (t.exponent() != null) {
      float raised = (float) (baseline - g.getFontMetrics().getAscent() * 0.45);
      float after = (float) x + g.getFontMetrics().stringWidth(text) + 1;
      g.setFont(EXPONENT_FONT);
      g.drawString(minus(t.exponent()), after, raised);
      g.setFont(Canvas.TICK_FONT);
    }
  }

  /** A typographic minus sign, as matplotlib writes negative tick labels. */
  private static String minus(String text) {
    return text.replace('-', '\u2212');
  }
}
