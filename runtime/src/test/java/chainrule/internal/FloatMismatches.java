package chainrule.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a scan of a fast float function against its slow definition found: how many inputs differ, the first
 * ten of them with their bits (for the failure message), and the distance of two doubles in ulps. One per
 * thread of a parallel scan, merged at the end.
 */
final class FloatMismatches {
  private static final int KEPT = 10;

  long count;
  final List<String> first = new ArrayList<>();

  /** Counts {@code x} if {@code actual} is not {@code expected} to the bit. */
  void same(String what, float x, float expected, float actual) {
    if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
      count++;
      if (first.size() < KEPT) {
        first.add(String.format(Locale.ROOT, "%s(%s) [%08x]: expected %s [%08x], was %s [%08x]", what, x,
            Float.floatToRawIntBits(x), expected, Float.floatToRawIntBits(expected), actual,
            Float.floatToRawIntBits(actual)));
      }
    }
  }

  void merge(FloatMismatches other) {
    count += other.count;
    for (String m : other.first) {
      if (first.size() < KEPT) {
        first.add(m);
      }
    }
  }

  /** Distance in ulps of double between two doubles of the same sign. */
  static long ulps(double y, double r) {
    return Math.abs(Double.doubleToRawLongBits(y) - Double.doubleToRawLongBits(r));
  }
}
