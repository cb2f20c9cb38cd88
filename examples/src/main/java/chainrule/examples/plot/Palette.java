package chainrule.examples.plot;

import java.awt.Color;

/** The colours of the plots: matplotlib's {@code tab10} cycle for curves, and a red-white-blue diverging map. */
final class Palette {
  private Palette() {}

  /** matplotlib's default colour cycle ({@code tab10}), in order: blue, orange, green, red, purple, … */
  private static final int[] TAB10 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
  };

  /** The colour of the {@code i}-th series, cycling after ten. */
  static Color series(int i) {
    return new Color(TAB10[i % TAB10.length]);
  }

  /** Ends of the diverging map: {@code p = 0} is a light red, {@code p = 1} a light blue, 0.5 is white. */
  static final Color FIELD_0 = new Color(0xe8907a);
  static final Color FIELD_1 = new Color(0x82b4d8);
  /** The markers of class 0 and class 1: the same hues, saturated (ColorBrewer RdBu's ends). */
  static final Color CLASS_0 = new Color(0xca0020);
  static final Color CLASS_1 = new Color(0x0571b0);
  /** Marker outlines and the p = 0.5 contour. */
  static final Color INK = new Color(0x1a1a1a);

  /**
   * The diverging map as packed RGB: white at {@code p = 0.5}, {@link #FIELD_0} at 0 and {@link #FIELD_1} at 1,
   * linear in sRGB between (as matplotlib's {@code LinearSegmentedColormap}); {@code p} is clamped to [0, 1].
   */
  static int diverging(double p) {
    double t = Math.min(1, Math.max(0, p));
    Color end = t < 0.5 ? FIELD_0 : FIELD_1;
    double w = Math.abs(t - 0.5) * 2; // 0 at the middle (white), 1 at either end
    int r = (int) Math.round(255 + (end.getRed() - 255) * w);
    int g = (int) Math.round(255 + (end.getGreen() - 255) * w);
    int b = (int) Math.round(255 + (end.getBlue() - 255) * w);
    return r << 16 | g << 8 | b;
  }
}
