package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SgdTest {
  @Test
  void stepIsParameterMinusLearningRateTimesGradient() {
    float[] params = {1f, -2f, 0.5f};
    new Sgd(0.5f).step(params, new float[] {2f, -4f, 0f});
    assertArrayEquals(new float[] {0f, 0f, 0.5f}, params);
  }

  /** PyTorch's {@code p.add_(g, alpha=-lr)} rounds once; {@code p - lr * g} in two steps would give 0x1.113bf4p-2. */
  @Test
  void stepRoundsOnceLikeTorch() {
    float[] params = {0x1.54b3c4p-2f};
    new Sgd(0.1f).step(params, new float[] {0x1.51570ap-1f});
    assertEquals(0x1.113bf6p-2f, params[0]);
  }

  @Test
  void learningRateChangesAndTravelsWithTheState() throws Exception {
    Sgd sgd = new Sgd(0.5f);
    sgd.setLearningRate(0.25f);
    assertEquals(0.25f, sgd.learningRate());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    sgd.writeState(new java.io.DataOutputStream(bytes));
    Sgd other = new Sgd(1f);
    other.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), new float[3]);
    assertEquals(0.25f, other.lr());
    assertEquals("lr must be finite and >= 0, was -1.0",
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1f)).getMessage());
    assertEquals("lr must be finite and >= 0, was NaN",
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Float.NaN)).getMessage());
    assertEquals(0.25f, sgd.lr());
    sgd.setLearningRate(0f); // a schedule may anneal it to 0, as torch allows
    assertEquals(0f, sgd.lr());
  }

  @Test
  void rejectsLearningRatesThatCannotTrain() {
    for (float lr : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(lr));
      assertEquals("lr must be finite and > 0, was " + lr, e.getMessage());
    }
  }

  @Test
  void rejectsGradientsOfAnotherLayout() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(1f).step(new float[3], new float[2]));
    assertEquals("grads must have the length of params, 3, was 2", e.getMessage());
  }

  @Test
  void nullArraysAndRangesOutsideThemAreNamed() {
    Sgd sgd = new Sgd(0.5f);
    assertEquals("params must not be null",
        assertThrows(IllegalArgumentException.class, () -> sgd.step(null, new float[2])).getMessage());
    assertEquals("grads must not be null",
        assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[2], null)).getMessage());
    assertEquals("from .. to must be a range in [0, 2], was 0 .. 5", assertThrows(IllegalArgumentException.class,
        () -> sgd.update(new float[2], new float[2], 0, 5)).getMessage());
    Adam adam = new Adam(0.1f);
    assertEquals("from .. to must be a range in [0, 2], was 1 .. 0", assertThrows(IllegalArgumentException.class,
        () -> adam.update(new float[2], new float[2], 1, 0)).getMessage());
    assertEquals("in must not be null",
        assertThrows(IllegalArgumentException.class, () -> adam.readState(null, new float[2])).getMessage());
  }

  @Test
  void scheduleRatesNeedAnEpochAndABase() {
    assertEquals("epochsDone must be >= 0, was -3", assertThrows(IllegalArgumentException.class,
        () -> Schedule.exponential(0.5).rate(-3, 1)).getMessage());
    assertEquals("base must be finite and >= 0, was NaN", assertThrows(IllegalArgumentException.class,
        () -> Schedule.step(2, 0.5).rate(0, Double.NaN)).getMessage());
    assertEquals(0.25, Schedule.exponential(0.5).rate(2, 1));
  }
}
