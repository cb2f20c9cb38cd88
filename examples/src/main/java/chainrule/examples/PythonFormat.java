package chainrule.examples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints numbers the way the lecture's Python does, so outputs can be compared line for line:
 * {@code cost.item()} is a float32 widened to a Python float, and a hypothesis is a numpy float32
 * column array.
 */
public final class PythonFormat {
  private PythonFormat() {}

  /**
   * {@code repr(float(x))}: the shortest digits that read back as the same double, fixed notation for
   * exponents -4 ≤ e < 16 and {@code 1.5e-05} style otherwise.
   */
  public static String repr(float x) {
    double value = x;
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
    }
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
    BigDecimal digits = shortest(value);
    int exponent = digits.precision() - digits.scale() - 1; // value = d.ddd × 10^exponent
    if (exponent >= -4 && exponent < 16) {
      String plain = digits.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String mantissa = digits.unscaledValue().abs().toString();
    String sign = value < 0 ? "-" : "";
    String fraction = mantissa.length() > 1 ? "." + mantissa.substring(1) : "";
    return sign + mantissa.charAt(0) + fraction + "e" + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  /**
   * A numpy float32 column, {@code print(a)} for shape (n, 1) with numpy's defaults (precision 8,
   * {@code floatmode='maxprec'}): {@code [[0.00106364]\n [0.99889404]]}, scientific when the smallest
   * non-zero magnitude is below 1e-4 or the largest is 1000 times the smallest.
   */
  static String column(float[] values) {
    String[] cells = cells(values);
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < cells.length; i++) {
      text.append(i == 0 ? "[" : "\n [").append(cells[i]).append(']');
    }
    return text.append(']').toString();
  }

  private static String[] cells(float[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (float v : values) {
      double a = Math.abs(v);
      if (a != 0) {
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    }
    boolean scientific = max >= 1e8 || (max > 0 && (min < 1e-4 || max / min > 1e3));
    return scientific ? scientific(values) : positional(values);
  }

  /** Each value's unique digits (at most 8 after the point), right-padded with spaces to a common width. */
  private static String[] positional(float[] values) {
    String[] cells = new String[values.length];
    int fraction = 0;
    for (int i = 0; i < values.length; i++) {
      BigDecimal d = shortestFloat(values[i]);
      if (d.scale() > 8) {
        d = new BigDecimal(values[i]).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
      }
      String s = d.scale() <= 0 ? d.setScale(0).toPlainString() + "." : d.toPlainString();
      cells[i] = (values[i] < 0 || (values[i] == 0 && 1 / values[i] < 0)) && !s.startsWith("-") ? "-" + s : s;
      fraction = Math.max(fraction, cells[i].length() - cells[i].indexOf('.') - 1);
    }
    int integer = 0;
    for (String cell : cells) {
      integer = Math.max(integer, cell.indexOf('.'));
    }
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      int pad = fraction - (cell.length() - cell.indexOf('.') - 1);
      cells[i] = " ".repeat(integer - cell.indexOf('.')) + cell + " ".repeat(pad);
    }
    return cells;
  }

  /**
   * Scientific: as many mantissa digits as the longest unique one needs (at most 9), every value
   * printed to that many digits (numpy generates real digits here, not zeros), two-digit exponents.
   */
  private static String[] scientific(float[] values) {
    int digits = 1;
    for (float v : values) {
      if (v != 0) {
        digits = Math.max(digits, Math.min(9, shortestFloat(v).precision()));
      }
    }
    String[] cells = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      BigDecimal d = new BigDecimal(Math.abs(values[i])).round(new MathContext(digits, RoundingMode.HALF_EVEN));
      int exponent = values[i] == 0 ? 0 : d.precision() - d.scale() - 1;
      String mantissa = d.unscaledValue().toString();
      mantissa += "0".repeat(digits - mantissa.length());
      cells[i] = (values[i] < 0 ? "-" : "") + mantissa.charAt(0) + "." + mantissa.substring(1) + "e"
          + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
    return cells;
  }

  /**
   * Python's {@code '%.Nf' % x} and {@code '{:.Nf}'.format(x)} of a float32 value: its exact value rounded
   * half-even to {@code decimals} decimals (e.g. the notebooks' {@code cost = 0.667746007}).
   */
  public static String fixed(float x, int decimals) {
    return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** The shortest decimal that reads back as {@code value} (closest such if several). */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** The shortest decimal that reads back as the float {@code value}. */
  private static BigDecimal shortestFloat(float value) {
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 9; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.floatValue() == value) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
