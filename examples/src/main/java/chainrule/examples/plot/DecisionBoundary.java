package chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A two-input classifier's decision boundary as a PNG, drawn headless: the probability of class 1 over a
 * box of the input plane as a red (class 0) - white - blue (class 1) field, its 0.5 contour as a line, and
 * the training points as markers coloured by label.
 * <pre>
 * DecisionBoundary.ofBatch(net::forward)        // one call for the whole grid
 *     .points(x, y)                              // x: rows × 2, row-major; y: the 0/1 labels
 *     .x0Range(-1.5, 2.5).x1Range(-1, 1.5)       // else the points' box with a 15 % margin
 *     .title("two moons")
 *     .write(Path.of("target/plots/boundary.png"));
 * </pre>
 * The function is sampled on a {@code resolution × resolution} grid spanning the box edge to edge, and the
 * field between samples is interpolated bilinearly. Each method returns a new {@code DecisionBoundary};
 * the arrays given are copied.
 */
public final class DecisionBoundary {
  /** A probability (or any score in [0, 1]) of class 1 at one point. */
  @FunctionalInterface
  public interface Probability {
    float at(float x0, float x1);
  }

  /**
   * Probabilities of class 1 at {@code rows} points {@code xy} ({@code rows × 2}, row-major): one value per
   * row. A generated network ending in one sigmoid output fits as {@code net::forward}.
   */
  @FunctionalInterface
  public interface BatchProbability {
    float[] predict(float[] xy, int rows);
  }

  /** The band above the plot that holds the legend, so that it hides no point and no part of the boundary. */
  private static final int LEGEND_ROW = 30;

  private final BatchProbability function;
  private double x0Min = Double.NaN;
  private double x0Max = Double.NaN;
  private double x1Min = Double.NaN;
  private double x1Max = Double.NaN;
  private float[] xy = new float[0];
  private int[] labels = new int[0];
  private int resolution = 200;
  private String title = "";
  private String x0Label = "x0";
  private String x1Label = "x1";
  private String class0 = "class 0";
  private String class1 = "class 1";
  private int width = 720;
  private int height = 560;

  private DecisionBoundary(BatchProbability function) {
    if (function == null) {
      throw new IllegalArgumentException("function must not be null");
    }
    this.function = function;
  }

  /** The boundary of {@code p}, called once per grid sample. */
  public static DecisionBoundary of(Probability p) {
    if (p == null) {
      throw new IllegalArgumentException("p must not be null");
    }
    return new DecisionBoundary((xy, rows) -> {
      float[] out = new float[rows];
      for (int r = 0; r < rows; r++) {
        out[r] = p.at(xy[2 * r], xy[2 * r + 1]);
      }
      return out;
    });
  }

  /** The boundary of {@code predict}, called once with every grid sample. */
  public static DecisionBoundary ofBatch(BatchProbability predict) {
    return new DecisionBoundary(predict);
  }

  private DecisionBoundary copy() {
    DecisionBoundary c = new DecisionBoundary(function);
    c.x0Min = x0Min;
    c.x0Max = x0Max;
    c.x1Min = x1Min;
    c.x1Max = x1Max;
    c.xy = xy;
    c.labels = labels;
    c.resolution = resolution;
    c.title = title;
    c.x0Label = x0Label;
    c.x1Label = x1Label;
    c.class0 = class0;
    c.class1 = class1;
    c.width = width;
    c.height = height;
    return c;
  }

  /** The horizontal extent of the box, {@code min < max}, both finite. */
  public DecisionBoundary x0Range(double min, double max) {
    checkRange("x0Range", min, max);
    DecisionBoundary c = copy();
    c.x0Min = min;
    c.x0Max = max;
    return c;
  }

  /** The vertical extent of the box, {@code min < max}, both finite. */
  public DecisionBoundary x1Range(double min, double max) {
    checkRange("x1Range", min, max);
    DecisionBoundary c = copy();
    c.x1Min = min;
    c.x1Max = max;
    return c;
  }

  /** Training points: {@code xy} is {@code rows × 2} row-major, {@code labels} their 0/1 targets (BCE's y). */
  public DecisionBoundary points(float[] xy, float[] labels) {
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    int[] classes = new int[labels.length];
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] != 0f && labels[r] != 1f) {
        throw new IllegalArgumentException("labels[" + r + "] must be 0 or 1, was " + labels[r]);
      }
      classes[r] = (int) labels[r];
    }
    return points(xy, classes);
  }

  /** Training points: {@code xy} is {@code rows × 2} row-major, {@code labels} their classes, 0 or 1. */
  public DecisionBoundary points(float[] xy, int[] labels) {
    if (xy == null || labels == null) {
      throw new IllegalArgumentException((xy == null ? "xy" : "labels") + " must not be null");
    }
    if (xy.length != 2 * labels.length) {
      throw new IllegalArgumentException("xy must hold 2 floats per label (rows × 2), so " + 2 * labels.length
          + " for " + labels.length + " labels, was " + xy.length);
    }
    for (int r = 0; r < labels.length; r++) {
      if (labels[r] != 0 && labels[r] != 1) {
        throw new IllegalArgumentException("labels[" + r + "] must be 0 or 1, was " + labels[r]);
      }
      if (!Float.isFinite(xy[2 * r]) || !Float.isFinite(xy[2 * r + 1])) {
        throw new IllegalArgumentException("xy row " + r + " must be finite, was (" + xy[2 * r] + ", " + xy[2 * r + 1] + ")");
      }
    }
    DecisionBoundary c = copy();
    c.xy = xy.clone();
    c.labels = labels.clone();
    return c;
  }

  /** Samples per axis, in [2, 2000]; 200 by default. */
  public DecisionBoundary resolution(int samplesPerAxis) {
    if (samplesPerAxis < 2 || samplesPerAxis > 2000) {
      throw new IllegalArgumentException("resolution must be in [2, 2000] samples per axis, was " + samplesPerAxis);
    }
    DecisionBoundary c = copy();
    c.resolution = samplesPerAxis;
    return c;
  }

  /** A title above the plot; none by default. */
  public DecisionBoundary title(String title) {
    DecisionBoundary c = copy();
    c.title = Canvas.text("title", title);
    return c;
  }

  /** The axis labels, {@code "x0"} and {@code "x1"} by default; empty for none. */
  public DecisionBoundary axisLabels(String x0Label, String x1Label) {
    DecisionBoundary c = copy();
    c.x0Label = Canvas.text("x0Label", x0Label);
    c.x1Label = Canvas.text("x1Label", x1Label);
    return c;
  }

  /** The classes' names in the legend and on the colour bar, {@code "class 0"} and {@code "class 1"} by default. */
  public DecisionBoundary classNames(String class0, String class1) {
    DecisionBoundary c = copy();
    c.class0 = Canvas.text("class0", class0);
    c.class1 = Canvas.text("class1", class1);
    return c;
  }

  /** The picture's size in pixels, 720 × 560 by default. */
  public DecisionBoundary size(int width, int height) {
    Canvas.checkSize(width, height);
    DecisionBoundary c = copy();
    c.width = width;
    c.height = height;
    return c;
  }

  /** Renders the plot and writes it to {@code path} as PNG, atomically. */
  public void write(Path path) throws IOException {
    Canvas.writePng(render(), path);
  }

  /** The plot as an RGB image of the configured size; calls the function once. */
  public BufferedImage render() {
    return draw().image();
  }

  Drawn draw() {
    double[] box = box();
    int n = resolution;
    float[] p = sample(box, n);
    BufferedImage image = Canvas.create(width, height);
    Graphics2D g = Canvas.graphics(image);
    int maxX = Math.max(3, width / 90);
    int maxY = Math.max(3, height / 60);
    String barLabel = "p(" + class1 + ")";
    int reserve = 3 * ColourBar.WIDTH / 2 + ColourBar.width(g, barLabel);
    Axes axes = Axes.layout(g, width, height, Scale.linear(box[0], box[1], maxX, false),
        Scale.linear(box[2], box[3], maxY, false), title, x0Label, x1Label, new Insets(LEGEND_ROW, 0, 0, reserve));
    Rectangle area = axes.area();
    image.setRGB(area.x, area.y, area.width, area.height, field(area, p, n), 0, area.width);

    g.setClip(area.x - 1, area.y - 1, area.width + 2, area.height + 2);
    Path2D.Double contour = new Path2D.Double();
    for (double[] s : Contour.segments(p, n, n, 0.5)) {
      contour.moveTo(gridX(area, s[0], n), gridY(area, s[1], n));
      contour.lineTo(gridX(area, s[2], n), gridY(area, s[3], n));
    }
    g.setColor(Palette.INK);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(contour);
    int rows = labels.length;
    double diameter = rows <= 50 ? 10 : rows <= 500 ? 7 : 5;
    for (int r = 0; r < rows; r++) {
      Color fill = labels[r] == 0 ? Palette.CLASS_0 : Palette.CLASS_1;
      Legend.marker(g, axes.px(xy[2 * r]), axes.py(xy[2 * r + 1]), diameter, fill, Palette.INK);
    }
    g.setClip(null);
    axes.drawFrame(g, title, x0Label, x1Label);
    ColourBar.draw(g, area, area.x + area.width + 3 * ColourBar.WIDTH / 2, barLabel);
    List<Legend.Entry> entries = List.of(
        new Legend.Entry(class0, Palette.CLASS_0, Legend.Sample.MARKER),
        new Legend.Entry(class1, Palette.CLASS_1, Legend.Sample.MARKER),
        new Legend.Entry("p = 0.5", Palette.INK, Legend.Sample.LINE));
    Rectangle legend = Legend.drawRow(g, rows == 0 ? entries.subList(2, 3) : entries, area.x + area.width / 2.0,
        area.y - LEGEND_ROW / 2.0 - 2);
    g.dispose();
    return new Drawn(image, axes, legend);
  }

  /** {x0Min, x0Max, x1Min, x1Max}: the ranges given, or the points' box with a 15 % margin each side. */
  private double[] box() {
    double[] box = {x0Min, x0Max, x1Min, x1Max};
    for (int axis = 0; axis < 2; axis++) {
      if (!Double.isNaN(box[2 * axis])) {
        continue;
      }
      String name = axis == 0 ? "x0Range" : "x1Range";
      if (labels.length == 0) {
        throw new IllegalArgumentException(name + " must be set when there are no points to take it from, was unset");
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < labels.length; r++) {
        lo = Math.min(lo, xy[2 * r + axis]);
        hi = Math.max(hi, xy[2 * r + axis]);
      }
      double margin = hi > lo ? 0.15 * (hi - lo) : 0.5;
      box[2 * axis] = lo - margin;
      box[2 * axis + 1] = hi + margin;
    }
    return box;
  }

  /** The function at the {@code n × n} grid spanning the box: row {@code j * n + i} is (x0 of i, x1 of j). */
  private float[] sample(double[] box, int n) {
    float[] grid = new float[2 * n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        grid[2 * (j * n + i)] = (float) (box[0] + (box[1] - box[0]) * i / (n - 1));
        grid[2 * (j * n + i) + 1] = (float) (box[2] + (box[3] - box[2]) * j / (n - 1));
      }
    }
    float[] p = function.predict(grid.clone(), n * n);
    if (p == null || p.length != n * n) {
      throw new IllegalArgumentException("predict(xy, rows) must return one value per row, " + n * n + " for rows = "
          + n * n + ", was " + (p == null ? "null" : p.length + " (for a two-class softmax pass the column of class 1)"));
    }
    for (int r = 0; r < p.length; r++) {
      if (!(p[r] >= 0f && p[r] <= 1f)) {
        throw new IllegalArgumentException("predict(xy, rows)[" + r + "] at (" + grid[2 * r] + ", " + grid[2 * r + 1]
            + ") must be a probability in [0, 1], was " + p[r] + " (apply a sigmoid or softmax to logits)");
      }
    }
    return p;
  }

  /** The field's colours for every pixel of {@code area}, row by row, from the samples interpolated bilinearly. */
  private static int[] field(Rectangle area, float[] p, int n) {
    int[] rgb = new int[area.width * area.height];
    for (int row = 0; row < area.height; row++) {
      // The inverse of Axes.py at the pixel's centre, in grid rows (0 at the bottom spine).
      double gj = (double) (area.height - row) / (area.height + 1) * (n - 1);
      int j = Math.min((int) gj, n - 2);
      double tj = gj - j;
      for (int col = 0; col < area.width; col++) {
        double gi = (double) (col + 1) / (area.width + 1) * (n - 1);
        int i = Math.min((int) gi, n - 2);
        double ti = gi - i;
        double below = p[j * n + i] * (1 - ti) + p[j * n + i + 1] * ti;
        double above = p[(j + 1) * n + i] * (1 - ti) + p[(j + 1) * n + i + 1] * ti;
        rgb[row * area.width + col] = Palette.diverging(below * (1 - tj) + above * tj);
      }
    }
    return rgb;
  }

  /** Pixel x of grid column {@code i}: the box spans spine to spine, as in {@link Axes#px}. */
  private static double gridX(Rectangle area, double i, int n) {
    return area.x - 0.5 + i / (n - 1) * (area.width + 1);
  }

  private static double gridY(Rectangle area, double j, int n) {
    return area.y + area.height + 0.5 - j / (n - 1) * (area.height + 1);
  }

  private static void checkRange(String name, double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      throw new IllegalArgumentException(name + " must be finite with min < max, was [" + min + ", " + max + "]");
    }
  }
}
