package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link FloatMath} (σ, tanh, exp) and the σ and tanh kernels ({@link Kernels#sigmoidForward}, {@link Kernels#tanhForward},
 * in place as the fused Linear kernels run them) against the formulas they replace,
 * {@code (float) (1.0 / (1.0 + Math.exp(-x)))}, {@code (float) Math.tanh(x)} and {@code (float) Math.exp(x)}:
 * the same float, bit for bit
 * ({@code floatToIntBits}: any NaN equals any NaN).
 *
 * <p>In the normal suite, a sample of ~9 million floats: every 1031st bit pattern (all ranges, NaNs and
 * infinities included), every float near each edge of the algorithms, and random ones where activations
 * live. Opt-in, all 2^32 floats: {@code mvn -B -pl runtime test -Dtest=FloatMathTest
 * -Dchainrule.exhaustive=true} (how long it takes is printed; a few minutes on 2 cores). Both also measure
 * how far the fast double is from the formula's double, which the check for float rounding boundaries
 * assumes is within {@link FloatMath#TOLERANCE} ulps.
 */
class FloatMathTest {
  /** Floats checked together: the kernels take them as one array. */
  private static final int BATCH = 1 << 12;

  @Test
  void aSampleOfFloatsGivesExactlyTheFormulasResults() {
    Checker checker = new Checker();
    AllFloats.addEvery1031st(checker);
    // every float within 2^15 floats of each edge: where a way of computing ends, where results turn subnormal,
    // round to ±1 or to 0, and the smallest floats
    float[] edges = {0f, Float.MIN_NORMAL, FloatMath.TANH_TINY, (float) FloatMath.TANH_SMALL, FloatMath.TANH_ONE,
        9.01f, FloatMath.SIGMOID_MIN, -87.33f, -103.97f, FloatMath.SIGMOID_MAX, 17.33f, 1f, 0.5f, FloatMath.EXP_MAX,
        88.72f};
    AllFloats.addNear(checker, edges, 1 << 15);
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 3_000_000; i++) {
      checker.add((float) random.nextDouble(-20, 20));
    }
    checker.flush();
    System.out.println("FloatMathTest, sample: " + checker.summary());
    checker.assertExact();
    // the slow formula must have been needed: else this sample would not test the check that calls it
    assertTrue(checker.tanhFallbacks > 0 && checker.sigmoidFallbacks > 0 && checker.expFallbacks > 0,
        checker.summary());
  }

  @Test
  @EnabledIfSystemProperty(named = "chainrule.exhaustive", matches = "true")
  void everyFloatGivesExactlyTheFormulasResults() throws Exception {
    AllFloats.check("FloatMathTest", Checker::new).assertExact();
  }

  /** Checks floats a batch at a time, and keeps the counts. */
  private static final class Checker implements AllFloats.Checker<Checker> {
    private final float[] batch = new float[BATCH];
    private final float[] tanhs = new float[BATCH];
    private final float[] sigmoids = new float[BATCH];
    private int size;
    long checked;
    final FloatMismatches mismatches = new FloatMismatches();
    /** The largest distance, in ulps of double, between the fast double and the formula's. */
    long tanhUlps;
    long sigmoidUlps;
    long expUlps;
    /** Floats for which the fast double lay too near a float rounding boundary. */
    long tanhFallbacks;
    long sigmoidFallbacks;
    long expFallbacks;
    /** Floats whose fast double rounds to another float than the formula's: the check is what saves them. */
    final List<Float> tanhSaved = new ArrayList<>();
    final List<Float> sigmoidSaved = new ArrayList<>();

    @Override
    public void add(float x) {
      batch[size++] = x;
      if (size == BATCH) {
        flush();
      }
    }

    @Override
    public void flush() {
      int n = size;
      // the kernels, in place as the fused Linear kernels call them
      System.arraycopy(batch, 0, tanhs, 0, n);
      Kernels.tanhForward(tanhs, tanhs, n);
      System.arraycopy(batch, 0, sigmoids, 0, n);
      Kernels.sigmoidForward(sigmoids, sigmoids, n);
      for (int i = 0; i < n; i++) {
        float x = batch[i];
        double tanh = Math.tanh(x);
        double sigmoid = 1.0 / (1.0 + Math.exp(-x));
        mismatches.same("tanh", x, (float) tanh, FloatMath.tanh(x));
        mismatches.same("tanh kernel", x, (float) tanh, tanhs[i]);
        mismatches.same("sigmoid", x, (float) sigmoid, FloatMath.sigmoid(x));
        mismatches.same("sigmoid kernel", x, (float) sigmoid, sigmoids[i]);
        double exp = Math.exp(x);
        mismatches.same("exp", x, (float) exp, FloatMath.exp(x));
        if (x > FloatMath.EXP_MIN && x < FloatMath.EXP_MAX) {
          double y = FloatMath.exp(FloatMath.widen(x));
          expUlps = Math.max(expUlps, FloatMismatches.ulps(y, exp));
          expFallbacks += FloatMath.nearFloatBoundary(y) ? 1 : 0;
        }
        float a = Math.abs(x);
        if (a >= FloatMath.TANH_TINY && a < FloatMath.TANH_ONE) {
          double y = FloatMath.tanhNear(a);
          tanhUlps = Math.max(tanhUlps, FloatMismatches.ulps(y, Math.abs(tanh)));
          tanhFallbacks += FloatMath.nearFloatBoundary(y) ? 1 : 0;
          if ((float) y != (float) Math.abs(tanh)) {
            tanhSaved.add(x);
          }
        }
        if (x > FloatMath.SIGMOID_MIN && x < FloatMath.SIGMOID_MAX) {
          double y = FloatMath.sigmoidNear(FloatMath.widen(x));
          sigmoidUlps = Math.max(sigmoidUlps, FloatMismatches.ulps(y, sigmoid));
          sigmoidFallbacks += FloatMath.nearFloatBoundary(y) ? 1 : 0;
          if ((float) y != (float) sigmoid) {
            sigmoidSaved.add(x);
          }
        }
      }
      checked += n;
      size = 0;
    }

    @Override
    public void merge(Checker other) {
      checked += other.checked;
      mismatches.merge(other.mismatches);
      tanhUlps = Math.max(tanhUlps, other.tanhUlps);
      sigmoidUlps = Math.max(sigmoidUlps, other.sigmoidUlps);
      expUlps = Math.max(expUlps, other.expUlps);
      tanhFallbacks += other.tanhFallbacks;
      sigmoidFallbacks += other.sigmoidFallbacks;
      expFallbacks += other.expFallbacks;
      tanhSaved.addAll(other.tanhSaved);
      sigmoidSaved.addAll(other.sigmoidSaved);
    }

    @Override
    public long checked() {
      return checked;
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT,
          "%d floats, %d mismatches; fast double vs formula's: tanh within %d ulps, sigmoid "
              + "within %d, exp within %d (tolerance %d); slow formula called by tanh %d times, sigmoid %d, exp "
              + "%d; needed (the fast double rounds to another float) by tanh %d times %s, sigmoid %d times %s",
          checked, mismatches.count, tanhUlps, sigmoidUlps, expUlps, FloatMath.TOLERANCE, tanhFallbacks,
          sigmoidFallbacks, expFallbacks, tanhSaved.size(), first(tanhSaved), sigmoidSaved.size(), first(sigmoidSaved));
    }

    private static String first(List<Float> xs) {
      List<String> hex = new ArrayList<>();
      for (int i = 0; i < Math.min(40, xs.size()); i++) {
        hex.add(String.format("0x%08x", Float.floatToRawIntBits(xs.get(i))));
      }
      return hex.toString();
    }

    void assertExact() {
      assertEquals(0, mismatches.count, summary() + "; first: " + mismatches.first);
      assertTrue(tanhUlps < FloatMath.TOLERANCE / 4 && sigmoidUlps < FloatMath.TOLERANCE / 4
              && expUlps < FloatMath.TOLERANCE / 4,
          "the fast doubles are further from the formula's than the error bounds say: " + summary());
    }
  }
}
