package chainrule.examples.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One axis: where a data value falls between the ends ({@link #fraction}, 0 at {@code min}, 1 at
 * {@code max}) and the ticks to mark, linear or log10 like matplotlib's {@code 'linear'} and {@code 'log'}.
 */
final class Scale {
  /**
   * A tick at {@code value}. Its label is {@code text}, or {@code text} with {@code exponent} as a
   * superscript ({@code "10"}, {@code "-3"} for 10⁻³); minor ticks have no label and no grid line.
   */
  record Tick(double value, String text, String exponent, boolean major) {}

  private final double min;
  private final double max;
  private final boolean log;
  private final List<Tick> ticks;

  private Scale(double min, double max, boolean log, List<Tick> ticks) {
    this.min = min;
    this.max = max;
    this.log = log;
    this.ticks = List.copyOf(ticks);
  }

  /** A linear axis from {@code min} to {@code max} with about {@code maxTicks} or fewer labelled ticks. */
  static Scale linear(double min, double max, int maxTicks, boolean integerTicks) {
    checkRange(min, max, false);
    return new Scale(min, max, false, linearTicks(min, max, maxTicks, integerTicks));
  }

  /** A log10 axis; {@code 0 < min < max}. */
  static Scale log(double min, double max, int maxTicks) {
    checkRange(min, max, true);
    return new Scale(min, max, true, logTicks(min, max, maxTicks));
  }

  /** The plots check their arguments; a range that gets here empty would be a bug in them (and loop forever). */
  private static void checkRange(double min, double max, boolean log) {
    if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max) || (log && !(min > 0))) {
      throw new IllegalStateException("scale range must be finite with " + (log ? "0 < " : "") + "min < max, was ["
          + min + ", " + max + "]");
    }
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  List<Tick> ticks() {
    return ticks;
  }

  /** 0 at {@code min}, 1 at {@code max}; log axes measure in log10 (NaN for values ≤ 0). */
  double fraction(double value) {
    if (log) {
      return value > 0 ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : Double.NaN;
    }
    return (value - min) / (max - min);
  }

  /** Multiples of 1, 2, 2.5 or 5 × 10ᵏ (of 1, 2 or 5 × 10ᵏ, k ≥ 0, for integers): the finest that fit. */
  private static List<Tick> linearTicks(double min, double max, int maxTicks, boolean integerTicks) {
    double[] mantissas = integerTicks ? new double[] {1, 2, 5} : new double[] {1, 2, 2.5, 5};
    int k = (int) Math.floor(Math.log10((max - min) / maxTicks)) - 1;
    double step = 0;
    int extra = 0; // a digit more for 2.5
    search:
    for (; ; k++) {
      for (double m : mantissas) {
        step = m * Math.pow(10, k);
        boolean fits = Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1 <= maxTicks;
        if (fits && (!integerTicks || step >= 1)) {
          extra = m == 2.5 ? 1 : 0;
          break search;
        }
      }
    }
    // Values of 1e-4 and below or 1e6 and above are written 2.5×10⁻⁵, with the range's largest exponent.
    int e = (int) Math.floor(Math.log10(Math.max(Math.abs(min), Math.abs(max))));
    boolean scientific = e <= -4 || e >= 6;
    List<Tick> ticks = new ArrayList<>();
    // Integer multiples of step, so that 0.1 · 3 is labelled 0.3 and no error accumulates.
    for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + 1e-9 * step; i++) {
      double value = i * step;
      if (!scientific) {
        ticks.add(new Tick(value, plain(value, Math.max(0, -k) + extra), null, true));
      } else if (i == 0) {
        ticks.add(new Tick(value, "0", null, true));
      } else {
        String mantissa = plain(value / Math.pow(10, e), Math.max(0, e - k) + extra);
        ticks.add(new Tick(value, mantissa + "×10", Integer.toString(e), true));
      }
    }
    return ticks;
  }

  /**
   * Decades (10ᵏ) when at least two fit, every n-th of them if there are too many; else 1, 2 and 5 × 10ᵏ;
   * else every 1..9 × 10ᵏ; else, on a range narrower than that, the linear ticks.
   */
  private static List<Tick> logTicks(double min, double max, int maxTicks) {
    int first = (int) Math.ceil(Math.log10(min) - 1e-9);
    int last = (int) Math.floor(Math.log10(max) + 1e-9);
    List<Tick> ticks = new ArrayList<>();
    if (last - first + 1 >= 2) {
      int stride = 1; // label every stride-th decade, the fewest strides that keep to maxTicks
      while (Math.floorDiv(last, stride) - Math.floorDiv(first + stride - 1, stride) + 1 > maxTicks) {
        stride++;
      }
      for (int k = first - 1; k <= last; k++) {
        boolean labelled = Math.floorMod(k, stride) == 0;
        if (k >= first && labelled) {
          ticks.add(new Tick(Math.pow(10, k), "10", Integer.toString(k), true));
        }
        for (int m = 2; m <= 9 && stride == 1; m++) {
          double value = m * Math.pow(10, k);
          if (value >= min && value <= max) {
            ticks.add(new Tick(value, null, null, false));
          }
        }
      }
      return ticks;
    }
    for (int[] mantissas : new int[][] {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
      ticks.clear();
      for (int k = first - 1; k <= last; k++) {
        for (int m : mantissas) {
          double value = m * Math.pow(10, k);
          if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) {
            ticks.add(mantissaTick(m, k));
          }
        }
      }
      if (ticks.size() >= 3) {
        if (mantissas.length == 3) {
          addMinorLogTicks(ticks, min, max, first, last);
        }
        return ticks;
      }
    }
    return linearTicks(min, max, maxTicks, false);
  }

  /** Unlabelled ticks at the 3, 4, 6, 7, 8, 9 × 10ᵏ in range, between labelled 1, 2 and 5 × 10ᵏ. */
  private static void addMinorLogTicks(List<Tick> ticks, double min, double max, int first, int last) {
    for (int k = first - 1; k <= last; k++) {
      for (int m : new int[] {3, 4, 6, 7, 8, 9}) {
        double value = m * Math.pow(10, k);
        if (value >= min && value <= max) {
          ticks.add(new Tick(value, null, null, false));
        }
      }
    }
  }

  /** {@code m × 10ᵏ}, written plainly ({@code 0.05}, {@code 200}) unless that needs many zeros. */
  private static Tick mantissaTick(int m, int k) {
    double value = m * Math.pow(10, k);
    if (k < -3 || k > 4) {
      return new Tick(value, m == 1 ? "10" : m + "×10", Integer.toString(k), true);
    }
    return new Tick(value, BigDecimal.valueOf(m).scaleByPowerOfTen(k).toPlainString(), null, true);
  }

  /** {@code value} with {@code decimals} digits after the point; never {@code -0.0}. */
  private static String plain(double value, int decimals) {
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value + 0.0);
  }
}
