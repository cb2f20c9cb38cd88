package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link FloatLog} (log, log1p, and BCE's {@code logOrLog1m}) and the BCE kernel that calls it against what
 * they replace, {@code (float) Math.log(x)} and {@code (float) StrictMath.log1p(x)}: the same float, bit for bit
 * ({@code floatToIntBits}: any NaN equals any NaN).
 *
 * <p>In the normal suite: every 61st float in [0, 1] (BCE's probabilities, 17 million), every 1031st bit pattern
 * (all ranges, NaNs and infinities included), every float within 2^15 floats of each edge, for both functions
 * and for their negated arguments. Opt-in, all 2^32 floats: {@code mvn -B -pl runtime test -Dtest=FloatLogTest
 * -Dchainrule.exhaustive=true} (~1 minute on 2 cores). Both measure how far the fast double is from the slow
 * call's, which the check for float rounding boundaries assumes is within {@link FloatMath#TOLERANCE} ulps.
 */
class FloatLogTest {

  @Test
  void aSampleOfFloatsGivesExactlyTheSlowCallsResults() {
    Checker checker = new Checker();
    int one = Float.floatToRawIntBits(1f);
    for (int bits = 0; bits <= one; bits += 61) {
      checker.add(Float.intBitsToFloat(bits));
    }
    AllFloats.addEvery1031st(checker);
    float[] edges = {0f, Float.MIN_NORMAL, 1f, 0.6875f, 1.375f, 0.5f, 2f, FloatLog.LOG1P_TINY, FloatLog.LOG1P_MAX,
        Float.MAX_VALUE, Float.POSITIVE_INFINITY};
    AllFloats.addNear(checker, edges, 1 << 15);
    System.out.println("FloatLogTest, sample: " + checker.summary());
    checker.assertExact();
    // the slow calls must have been needed: else this sample would not test the check that calls them
    assertTrue(checker.logFallbacks > 0 && checker.log1pFallbacks > 0, checker.summary());
  }

  @Test
  void bceForwardIsTheLossItAlwaysComputed() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n : new int[] {1, 4, 7, 256, 4096}) {
      float[] p = new float[n];
      float[] y = new float[n];
      for (int trial = 0; trial < 50; trial++) {
        for (int i = 0; i < n; i++) {
          // probabilities of every size, saturated ones (0, 1, 1 - ulp) among them, and now and then no
          // probability at all (NaN, below 0, above 1), which the kernel must pass on as it always did
          int kind = random.nextInt(8);
          p[i] = random.nextInt(2 * n) == 0 ? new float[] {Float.NaN, -0f, -1e-3f, 1.5f, Math.nextUp(1f)}[random.nextInt(5)]
              : kind == 0 ? (random.nextBoolean() ? 0f : 1f)
              : kind == 1 ? Math.nextDown(1f)
              : kind == 2 ? (float) Math.exp(-random.nextDouble(0, 100))
              : random.nextFloat();
          y[i] = random.nextInt(3) == 0 ? random.nextFloat() : random.nextInt(2);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) { // the kernel as it was, with the slow calls
          float logP = Math.max((float) Math.log(p[i]), -100f);
          float log1mP = Math.max((float) StrictMath.log1p(-p[i]), -100f);
          sum += (y[i] - 1f) * log1mP - y[i] * logP;
        }
        float expected = (float) (sum / n);
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(Kernels.bceForward(p, y, n)), "n = " + n);
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "chainrule.exhaustive", matches = "true")
  void everyFloatGivesExactlyTheSlowCallsResults() throws Exception {
    AllFloats.check("FloatLogTest", Checker::new).assertExact();
  }

  /** Checks floats one at a time, and keeps the counts. */
  private static final class Checker implements AllFloats.Checker<Checker> {
    long checked;
    final FloatMismatches mismatches = new FloatMismatches();
    /** The largest distance, in ulps of double, between the fast double and the slow call's. */
    long logUlps;
    long log1pUlps;
    /** Floats for which the fast double lay too near a float rounding boundary. */
    long logFallbacks;
    long log1pFallbacks;

    @Override
    public void add(float x) {
      checked++;
      double log = Math.log(x);
      double log1p = StrictMath.log1p(x);
      mismatches.same("log", x, (float) log, FloatLog.log(x));
      mismatches.same("log1p", x, (float) log1p, FloatLog.log1p(x));
      // BCE's one log a value: log(p) for a target 1, log1p(-p) for a target 0
      mismatches.same("logOrLog1m(x, true)", x, (float) log, FloatLog.logOrLog1m(x, true));
      mismatches.same("logOrLog1m(x, false)", x, (float) StrictMath.log1p(-x), FloatLog.logOrLog1m(x, false));
      if (x >= Float.MIN_NORMAL && x < Float.POSITIVE_INFINITY && x != 1f) {
        double y = FloatLog.logNear(FloatMath.widen(x));
        logUlps = Math.max(logUlps, FloatMismatches.ulps(y, log));
        logFallbacks += FloatMath.nearFloatBoundary(y) ? 1 : 0;
      }
      if (x > -1f && x < FloatLog.LOG1P_MAX && Math.abs(x) >= FloatLog.LOG1P_TINY) {
        double y = FloatLog.logNear(1 + FloatMath.widen(x));
        log1pUlps = Math.max(log1pUlps, FloatMismatches.ulps(y, log1p));
        log1pFallbacks += FloatMath.nearFloatBoundary(y) ? 1 : 0;
      }
    }

    @Override
    public void merge(Checker other) {
      checked += other.checked;
      mismatches.merge(other.mismatches);
      logUlps = Math.max(logUlps, other.logUlps);
      log1pUlps = Math.max(log1pUlps, other.log1pUlps);
      logFallbacks += other.logFallbacks;
      log1pFallbacks += other.log1pFallbacks;
    }

    @Override
    public long checked() {
      return checked;
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT,
          "%d floats, %d mismatches; fast double vs slow call's: log within %d ulps, log1p within %d (tolerance "
              + "%d); slow call taken by log %d times, log1p %d times",
          checked, mismatches.count, logUlps, log1pUlps, FloatMath.TOLERANCE, logFallbacks, log1pFallbacks);
    }

    void assertExact() {
      assertEquals(0, mismatches.count, summary() + "; first: " + mismatches.first);
      assertTrue(logUlps < FloatMath.TOLERANCE / 4 && log1pUlps < FloatMath.TOLERANCE / 4,
          "the fast doubles are further from the slow calls' than the error bounds say: " + summary());
    }
  }
}
