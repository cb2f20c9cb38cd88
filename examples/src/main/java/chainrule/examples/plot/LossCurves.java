package chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch curves (train loss, validation loss, …) as a PNG, drawn headless:
 * <pre>
 * new LossCurves()
 *     .title("two moons, 2-16-16-1")
 *     .series("train loss", history.trainLosses())
 *     .series("validation loss", validationLosses)
 *     .logScale(true)
 *     .write(Path.of("target/plots/loss.png"));
 * </pre>
 * Value {@code i} of a series is drawn at x = {@code firstX + i} (epoch 1, 2, … by default). NaN and
 * infinite values are missing: the line breaks there, and a value with no neighbours shows as a dot. Each
 * method returns a new {@code LossCurves}; the arrays given are copied.
 */
public final class LossCurves {
  private record Series(String name, double[] values) {}

  private final List<Series> series;
  private String title = "";
  private String xLabel = "epoch";
  private String yLabel = "loss";
  private int firstX = 1;
  private boolean logScale;
  private int width = 800;
  private int height = 500;

  public LossCurves() {
    series = List.of();
  }

  private LossCurves(LossCurves from, List<Series> series) {
    this.series = List.copyOf(series);
    title = from.title;
    xLabel = from.xLabel;
    yLabel = from.yLabel;
    firstX = from.firstX;
    logScale = from.logScale;
    width = from.width;
    height = from.height;
  }

  private LossCurves copy() {
    return new LossCurves(this, series);
  }

  /** Adds a named series, drawn in the next colour of matplotlib's cycle (blue, orange, green, …). */
  public LossCurves series(String name, double[] values) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("series name must not be blank, was " + (name == null ? "null" : "'" + name + "'"));
    }
    for (Series s : series) {
      if (s.name().equals(name)) {
        throw new IllegalArgumentException("series name must be new, was '" + name + "' twice");
      }
    }
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' must have at least one value, was "
          + (values == null ? "null" : "empty"));
    }
    List<Series> more = new ArrayList<>(series);
    more.add(new Series(name, values.clone()));
    return new LossCurves(this, more);
  }

  /** {@link #series(String, double[])} for float values, such as a history's losses. */
  public LossCurves series(String name, float[] values) {
    double[] widened = null;
    if (values != null) {
      widened = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        widened[i] = values[i];
      }
    }
    return series(name, widened);
  }

  /** A title above the plot; none by default. */
  public LossCurves title(String title) {
    LossCurves c = copy();
    c.title = Canvas.text("title", title);
    return c;
  }

  /** The axis labels, {@code "epoch"} and {@code "loss"} by default; empty for none. */
  public LossCurves axisLabels(String xLabel, String yLabel) {
    LossCurves c = copy();
    c.xLabel = Canvas.text("xLabel", xLabel);
    c.yLabel = Canvas.text("yLabel", yLabel);
    return c;
  }

  /** The x of each series' first value: 1 by default (epochs count from 1), 0 for steps counted from 0. */
  public LossCurves firstX(int firstX) {
    LossCurves c = copy();
    c.firstX = firstX;
    return c;
  }

  /** A log10 loss axis, where values ≤ 0 are missing; linear by default. */
  public LossCurves logScale(boolean logScale) {
    LossCurves c = copy();
    c.logScale = logScale;
    return c;
  }

  /** The picture's size in pixels, 800 × 500 by default. */
  public LossCurves size(int width, int height) {
    Canvas.checkSize(width, height);
    LossCurves c = copy();
    c.width = width;
    c.height = height;
    return c;
  }

  /** Renders the plot and writes it to {@code path} as PNG, atomically (see {@link #render()}). */
  public void write(Path path) throws IOException {
    Canvas.writePng(render(), path);
  }

  /** The plot as an RGB image of the configured size. */
  public BufferedImage render() {
    return draw().image();
  }

  Drawn draw() {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series: a plot needs at least one, was none (call series(name, values))");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int longest = 0;
    for (Series s : series) {
      longest = Math.max(longest, s.values().length);
      for (double v : s.values()) {
        if (shown(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      throw new IllegalArgumentException("series must hold at least one finite value" + (logScale ? " > 0 (log scale)" : "")
          + ", was none in " + names());
    }
    BufferedImage image = Canvas.create(width, height);
    Graphics2D g = Canvas.graphics(image);
    Axes axes = Axes.layout(g, width, height, xScale(longest), yScale(lo, hi), title, xLabel, yLabel, new Insets(0, 0, 0, 0));
    axes.drawGrid(g);

    List<Legend.Entry> entries = new ArrayList<>();
    List<double[]> pixels = new ArrayList<>();
    g.setClip(axes.area().x - 1, axes.area().y - 1, axes.area().width + 2, axes.area().height + 2);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      boolean markers = s.values().length <= 30; // few epochs: mark each, as 'o-' would
      entries.add(new Legend.Entry(s.name(), Palette.series(i), markers ? Legend.Sample.LINE_AND_MARKER : Legend.Sample.LINE));
      pixels.add(drawSeries(g, axes, s.values(), i, markers));
    }
    g.setClip(null);
    axes.drawFrame(g, title, xLabel, yLabel);
    double[][] xy = along(pixels);
    Rectangle legend = Legend.draw(g, entries, axes.area(), xy[0], xy[1]);
    g.dispose();
    return new Drawn(image, axes, legend);
  }

  /** Draws one series: a line through runs of shown values, a dot for a value alone. Returns its pixels, x then y. */
  private double[] drawSeries(Graphics2D g, Axes axes, double[] values, int index, boolean markers) {
    double[] pixels = new double[2 * values.length];
    Path2D.Double line = new Path2D.Double();
    boolean open = false;
    for (int i = 0; i < values.length; i++) {
      double px = axes.px(firstX + i);
      double py = shown(values[i]) ? axes.py(values[i]) : Double.NaN;
      pixels[2 * i] = px;
      pixels[2 * i + 1] = py;
      if (Double.isNaN(py)) {
        open = false;
      } else if (open) {
        line.lineTo(px, py);
      } else {
        line.moveTo(px, py);
        open = true;
      }
    }
    g.setColor(Palette.series(index));
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(line);
    for (int i = 0; i < values.length; i++) {
      double py = pixels[2 * i + 1];
      boolean alone = (i == 0 || Double.isNaN(pixels[2 * i - 1])) && (i == values.length - 1 || Double.isNaN(pixels[2 * i + 3]));
      if (!Double.isNaN(py) && (markers || alone)) {
        Legend.marker(g, pixels[2 * i], py, 6, Palette.series(index), Palette.series(index));
      }
    }
    return pixels;
  }

  /** Points every 4 pixels along the drawn lines, for the legend to avoid. */
  private static double[][] along(List<double[]> pixels) {
    List<double[]> points = new ArrayList<>();
    for (double[] p : pixels) {
      for (int i = 0; i < p.length / 2; i++) {
        points.add(new double[] {p[2 * i], p[2 * i + 1]});
        if (i + 1 < p.length / 2 && !Double.isNaN(p[2 * i + 1]) && !Double.isNaN(p[2 * i + 3])) {
          double dx = p[2 * i + 2] - p[2 * i];
          double dy = p[2 * i + 3] - p[2 * i + 1];
          int steps = (int) (Math.hypot(dx, dy) / 4);
          for (int k = 1; k < steps; k++) {
            points.add(new double[] {p[2 * i] + dx * k / steps, p[2 * i + 1] + dy * k / steps});
          }
        }
      }
    }
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }

  /** Epochs, with matplotlib's 5 % margins each side; integer ticks. */
  private Scale xScale(int longest) {
    double first = firstX;
    double last = firstX + longest - 1;
    double margin = last > first ? 0.05 * (last - first) : 0.5;
    return Scale.linear(first - margin, last + margin, Math.max(3, width / 90), true);
  }

  /** The values' range with 5 % margins (in log10 on a log axis); a flat curve gets ±5 % of its value. */
  private Scale yScale(double lo, double hi) {
    int maxTicks = Math.max(3, height / 60);
    if (logScale) {
      double a = Math.log10(lo);
      double b = Math.log10(hi);
      double margin = b > a ? 0.05 * (b - a) : 0.02;
      return Scale.log(Math.pow(10, a - margin), Math.pow(10, b + margin), maxTicks);
    }
    double margin = hi > lo ? 0.05 * (hi - lo) : lo != 0 ? 0.05 * Math.abs(lo) : 0.05;
    return Scale.linear(lo - margin, hi + margin, maxTicks, false);
  }

  private boolean shown(double v) {
    return Double.isFinite(v) && (!logScale || v > 0);
  }

  private String names() {
    List<String> names = new ArrayList<>();
    for (Series s : series) {
      names.add("'" + s.name() + "'");
    }
    return String.join(", ", names);
  }
}
