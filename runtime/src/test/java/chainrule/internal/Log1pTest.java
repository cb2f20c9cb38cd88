package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Log1p} against {@link StrictMath#log1p}: the same bits, for BCE's arguments and beyond. */
class Log1pTest {

  @Test
  void equalsStrictMathForMinusEveryFloatProbabilitySampled() {
    // BCE calls log1p(-p) for float p in [0, 1]: every 61st float there (17 million), ends included
    int last = Float.floatToRawIntBits(1f);
    for (int bits = 0; bits <= last; bits += bits < last - 61 ? 61 : Math.max(1, last - bits)) {
      double x = -Float.intBitsToFloat(bits);
      same(x);
      if (bits == last) {
        break;
      }
    }
  }

  @Test
  void equalsStrictMathOnRandomDoublesAndSpecialValues() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 2_000_000; i++) {
      same(random.nextDouble(-1, 1));
      same(Math.scalb(random.nextDouble(-1, 1), random.nextInt(-80, 80)));
      same(Double.longBitsToDouble(random.nextLong())); // anything, NaNs and infinities included
    }
    double[] special = {0.0, -0.0, -1.0, -1.0 - 1e-16, -0.99999999, 1e-300, -1e-300, 0x1p-29, -0x1p-29, 0x1p-54,
        0.41422, -0.2929, 0.5, 1.0, 2.0, 1e300, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Math.sqrt(2) - 1, Math.sqrt(2) / 2 - 1};
    for (double x : special) {
      same(x);
      same(Math.nextUp(x));
      same(Math.nextDown(x));
    }
  }

  private static void same(double x) {
    double expected = StrictMath.log1p(x);
    double actual = Log1p.log1p(x);
    if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
      assertEquals(expected, actual, 0.0, "log1p(" + x + ") [" + Long.toHexString(Double.doubleToRawLongBits(x)) + "]");
    }
  }
}
