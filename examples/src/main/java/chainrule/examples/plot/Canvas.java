package chainrule.examples.plot;

import chainrule.internal.AtomicFile;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A white, anti-aliased image to draw a figure on, and the atomic PNG write. Plots are drawn headless:
 * the first use sets {@code java.awt.headless=true} unless the property was set already, so that a
 * training run on a server without a display can write its pictures.
 */
final class Canvas {
  static {
    // Must run before AWT's GraphicsEnvironment is first created; it reads the property only then.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Sizes in pixels, matplotlib's defaults at 100 dpi (10 pt ticks, 11 pt labels, 12 pt title) and a little more. */
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
  static final Color TEXT = new Color(0x262626);

  private Canvas() {}

  /** A white {@code width × height} RGB image and its graphics, anti-aliased for lines and text. */
  static BufferedImage create(int width, int height) {
    checkSize(width, height);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Graphics for {@code image} with the hints every figure uses. */
  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    // Pure strokes: a line at y = 10.5 covers exactly pixel row 10, so 1-px spines stay crisp.
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }

  /** Width and height between 100 and 10000 pixels: smaller leaves no room for the axes. */
  static void checkSize(int width, int height) {
    if (width < 100 || width > 10_000) {
      throw new IllegalArgumentException("width must be in [100, 10000] pixels, was " + width);
    }
    if (height < 100 || height > 10_000) {
      throw new IllegalArgumentException("height must be in [100, 10000] pixels, was " + height);
    }
  }

  /**
   * Writes {@code image} to {@code path} as PNG, atomically ({@link AtomicFile}), so a reader never sees half a
   * picture. Creates missing parent directories.
   */
  static void writePng(BufferedImage image, Path path) throws IOException {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    Path target = path.toAbsolutePath();
    Files.createDirectories(target.getParent());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", png)) {
      throw new IllegalStateException("no PNG writer in ImageIO (expected one in every JDK)");
    }
    AtomicFile.write(target, png.toByteArray());
  }


  /** A chart's text argument: any string, "" for none, never null. */
  static String text(String argument, String value) {
    if (value == null) {
      throw new IllegalArgumentException(argument + " must not be null (use \"\" for none)");
    }
    return value;
  }
}
