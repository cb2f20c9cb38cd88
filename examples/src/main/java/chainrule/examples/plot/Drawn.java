package chainrule.examples.plot;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** A drawn plot, with where its plot area and its legend ended up, so that tests can look at the pixels. */
record Drawn(BufferedImage image, Axes axes, Rectangle legend) {}
