package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import chainrule.internal.AllFloats;
import chainrule.internal.FloatMismatches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * σ and tanh on double lanes against their definitions, {@code (float) (1.0 / (1.0 + Math.exp(-x)))} and
 * {@code (float) Math.tanh(x)}: the same float, bit for bit ({@code floatToIntBits}: any NaN equals any NaN).
 * In the suite, a sample of ~6 million floats (every 1031st bit pattern, every float near each edge of the
 * fast ranges, random ones where activations live); opt-in, all 2^32 floats, after {@code mvn -B package
 * -DskipTests}: {@code mvn -B -pl runtime surefire:test -Dtest=VectorActivationsTest -Dchainrule.exhaustive=true}
 * (82 s on 2 cores, AMD Zen 5; {@code test} instead would run it in each of runtime's three executions). Both also
 * measure how
 * far each lane's double is from the definition's, which the check for float rounding boundaries assumes is
 * within {@link VectorActivations#TOLERANCE} ulps, and count the vectors that take the definition.
 */
class VectorActivationsTest {
  /** Floats a step of the kernels computes. */
  private static final int STEP = VectorActivations.STEP;
  /** How much further than they compute the kernels read (and write back as read). */
  private static final int PAST = VectorActivations.READ - STEP;
  /** Floats checked together. */
  private static final int BATCH = 1 << 12;

  @Test
  void aSampleOfFloatsGivesExactlyTheDefinitionsResults() {
    Checker checker = new Checker();
    AllFloats.addEvery1031st(checker);
    // every float within 2^13 floats of each edge: the fast ranges' ends, where k of e^t changes (t = ±ln 2 / 2),
    // where σ turns subnormal or rounds to 1, tanh rounds to x or ±1, and the smallest floats
    float[] edges = {0f, Float.MIN_NORMAL, 0x1p-26f, 22f, -87f, 40f, 0.3466f, 0.1733f, 17.33f, 9.01f, 1f, 0.5f,
        -87.33f, -103.97f};
    AllFloats.addNear(checker, edges, 1 << 13);
    // σ's inputs that round to another float than the formula's without the check for rounding boundaries (all
    // of them, found by scanning every float of the fast range; tanh has none)
    for (int bits : new int[] {0x37260000, 0x374e0000, 0x377e0000, 0xb73b0000, 0xb73f0000, 0xb77b0000}) {
      checker.add(Float.intBitsToFloat(bits));
    }
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 1_500_000; i++) {
      checker.add((float) random.nextDouble(-20, 20));
    }
    checker.flush();
    System.out.println("VectorActivationsTest, sample: " + checker.summary());
    checker.assertExact();
    // the check must have sent some vectors to the definition for being near a boundary, not only for range
    assertTrue(checker.sigmoidNear > 0 && checker.tanhNear > 0, checker.summary());
  }

  @Test
  @EnabledIfSystemProperty(named = "chainrule.exhaustive", matches = "true")
  void everyFloatGivesExactlyTheDefinitionsResults() throws Exception {
    AllFloats.check("VectorActivationsTest", Checker::new).assertExact();
  }

  @Test
  void theKernelsDoTheStepsThatFitInPlaceOrNotAndLeaveTheRestAsTheyWereOrAsRead() {
    int n = 5 * STEP + PAST + 3;
    int done = ((n - VectorActivations.READ) / STEP + 1) * STEP; // a step more would read past n
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (i - n / 2) * 0.37f;
    }
    l[1] = Float.NaN; // the first step, then the second, take the definitions (σ's; tanh rounds -100 to -1)
    l[STEP + 1] = -100f;
    for (boolean inPlace : new boolean[] {false, true}) {
      float[] sigmoid = inPlace ? l.clone() : new float[n];
      float[] tanh = inPlace ? l.clone() : new float[n];
      assertEquals(done, VectorActivations.sigmoid(sigmoid, inPlace ? sigmoid : l, n));
      assertEquals(done, VectorActivations.tanh(tanh, inPlace ? tanh : l, n));
      for (int i = 0; i < done; i++) {
        assertEquals(Float.floatToIntBits((float) (1.0 / (1.0 + Math.exp(-l[i])))), Float.floatToIntBits(sigmoid[i]),
            "σ at " + i);
        assertEquals(Float.floatToIntBits((float) Math.tanh(l[i])), Float.floatToIntBits(tanh[i]), "tanh at " + i);
      }
      for (int i = done; i < n; i++) { // untouched (0 unless in place), or written back as read
        assertTrue(sigmoid[i] == l[i] || sigmoid[i] == 0f && !inPlace, "σ past the last step, at " + i);
        assertTrue(tanh[i] == l[i] || tanh[i] == 0f && !inPlace, "tanh past the last step, at " + i);
      }
    }
    assertEquals(0, VectorActivations.sigmoid(new float[STEP + PAST], new float[STEP + PAST], STEP + PAST - 1));
  }

  /** Checks floats a batch at a time, and keeps the counts. */
  private static final class Checker implements AllFloats.Checker<Checker> {
    // room for the floats the kernels read past the last they compute
    private final float[] batch = new float[BATCH + STEP + PAST];
    private final float[] sigmoids = new float[batch.length];
    private final float[] sigmoidsApart = new float[batch.length];
    private final float[] tanhsApart = new float[batch.length];
    private final float[] tanhs = new float[batch.length];
    private final double[] wide = new double[batch.length];
    private int size;
    long checked;
    final FloatMismatches mismatches = new FloatMismatches();
    /** The largest distance, in ulps of double, between a lane's double and the definition's, in the fast ranges. */
    long sigmoidUlps;
    long tanhUlps;
    /** Vectors of doubles that lay too near a float rounding boundary: the definition computed their floats. */
    long sigmoidNear;
    long tanhNear;

    @Override
    public void add(float x) {
      batch[size++] = x;
      if (size == BATCH) {
        flush();
      }
    }

    @Override
    public void flush() {
      int computed = (size + STEP - 1) / STEP * STEP;
      int n = computed + PAST; // the last step's reads within n
      Arrays.fill(batch, size, n, 0.5f);
      // in place, as the fused Linear kernels call them, and not (the steps in another order)
      System.arraycopy(batch, 0, sigmoids, 0, n);
      assertEquals(computed, VectorActivations.sigmoid(sigmoids, sigmoids, n));
      System.arraycopy(batch, 0, tanhs, 0, n);
      assertEquals(computed, VectorActivations.tanh(tanhs, tanhs, n));
      assertEquals(computed, VectorActivations.sigmoid(sigmoidsApart, batch, n));
      assertEquals(computed, VectorActivations.tanh(tanhsApart, batch, n));
      for (int i = 0; i < size; i++) {
        float x = batch[i];
        float sigmoid = (float) (1.0 / (1.0 + Math.exp(-x)));
        float tanh = (float) Math.tanh(x);
        mismatches.same("sigmoid", x, sigmoid, sigmoids[i]);
        mismatches.same("tanh", x, tanh, tanhs[i]);
        mismatches.same("sigmoid, not in place", x, sigmoid, sigmoidsApart[i]);
        mismatches.same("tanh, not in place", x, tanh, tanhsApart[i]);
      }
      for (int i = 0; i < computed; i++) {
        wide[i] = batch[i];
      }
      for (int i = 0; i < computed; i += STEP) {
        DoubleVector x = DoubleVector.fromArray(DoubleVector.SPECIES_PREFERRED, wide, i);
        DoubleVector sigmoid = VectorActivations.sigmoidNear(x);
        DoubleVector tanh = VectorActivations.tanhNear(x);
        boolean sigmoidInRange = true;
        boolean tanhInRange = true;
        for (int j = 0; j < STEP; j++) {
          float v = batch[i + j];
          if (v > -87f && v < 40f) {
            double definition = 1.0 / (1.0 + Math.exp(-v));
            sigmoidUlps = Math.max(sigmoidUlps, FloatMismatches.ulps(sigmoid.lane(j), definition));
          } else {
            sigmoidInRange = false;
          }
          if (Math.abs(v) >= 0x1p-26f && Math.abs(v) < 22f) {
            tanhUlps = Math.max(tanhUlps, FloatMismatches.ulps(tanh.lane(j), Math.tanh(v)));
          } else {
            tanhInRange = false;
          }
        }
        sigmoidNear += sigmoidInRange && VectorActivations.nearFloatBoundary(sigmoid) ? 1 : 0;
        tanhNear += tanhInRange && VectorActivations.nearFloatBoundary(tanh) ? 1 : 0;
      }
      checked += size;
      size = 0;
    }

    @Override
    public void merge(Checker other) {
      checked += other.checked;
      mismatches.merge(other.mismatches);
      sigmoidUlps = Math.max(sigmoidUlps, other.sigmoidUlps);
      tanhUlps = Math.max(tanhUlps, other.tanhUlps);
      sigmoidNear += other.sigmoidNear;
      tanhNear += other.tanhNear;
    }

    @Override
    public long checked() {
      return checked;
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT, "%d floats, %d mismatches; lanes' doubles vs the definitions': sigmoid "
              + "within %d ulps, tanh within %d (tolerance %d); vectors of doubles near a boundary: sigmoid %d, "
              + "tanh %d",
          checked, mismatches.count, sigmoidUlps, tanhUlps, VectorActivations.TOLERANCE, sigmoidNear, tanhNear);
    }

    void assertExact() {
      assertEquals(0, mismatches.count, summary() + "; first: " + mismatches.first);
      assertTrue(sigmoidUlps < VectorActivations.TOLERANCE / 4 && tanhUlps < VectorActivations.TOLERANCE / 4,
          "the lanes' doubles are further from the definitions' than the error bounds say: " + summary());
    }
  }
}
