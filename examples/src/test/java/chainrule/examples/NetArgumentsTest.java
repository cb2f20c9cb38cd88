package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Linear;
import chainrule.Optimizer;
import chainrule.Sgd;
import chainrule.Trainable;
import chainrule.examples.gradcheck.Ce463ReluNet;
import chainrule.examples.gradcheck.Mse4332TanhReluNet;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Run-time arguments of generated networks: every bad input is an {@link IllegalArgumentException} whose
 * message names the argument, what was expected and what was given; a rejected call changes nothing; and
 * buffers that grow with the batch never make a result depend on the batches before it.
 *
 * <p>Uses the lecture's {@link XorNnNet} (2 inputs, 1 output, BCE) and {@link Mse4332TanhReluNet}
 * (4 inputs, 2 outputs, MSE, a Linear output).
 */
class NetArgumentsTest {
  private static final float[] XOR_X = {0, 0, 0, 1, 1, 0, 1, 1};
  private static final float[] XOR_Y = {0, 1, 1, 0};
  private static final Optimizer SGD = new Sgd(0.1f);

  /** Asserts that {@code call} throws IllegalArgumentException with every fragment in its message. */
  private static IllegalArgumentException assertRejects(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    String message = e.getMessage();
    for (String fragment : fragments) {
      assertTrue(message != null && message.contains(fragment),
          () -> "message should contain \"" + fragment + "\": " + message);
    }
    return e;
  }

  /** The same bad call through all three entry points that take it. */
  private static void assertAllReject(Trainable net, float[] x, float[] y, int rows, String... fragments) {
    assertRejects(() -> net.lossAndGradients(x, y, rows), fragments);
    assertRejects(() -> net.trainStep(x, y, rows, SGD), fragments);
  }

  private static float[] random(int n, long seed, double from, double to) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (from + random.nextDouble() * (to - from));
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------------
  // rows

  @Test
  void rowsMustBePositive() {
    XorNnNet xor = XorNnNet.create(1);
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    for (int rows : new int[] {0, -1, Integer.MIN_VALUE}) {
      String[] fragments = {"rows", "> 0", "was " + rows};
      assertRejects(() -> xor.forward(XOR_X, rows), fragments);
      assertAllReject(xor, XOR_X, XOR_Y, rows, fragments);
      assertRejects(() -> mse.forward(new float[8], rows), fragments);
      assertAllReject(mse, new float[8], new float[4], rows, fragments);
    }
    // reported as a bad row count, not as a wrong length, even with empty arrays
    assertRejects(() -> xor.forward(new float[0], 0), "rows must be > 0, was 0");
  }

  // ---------------------------------------------------------------------------------------------
  // lengths

  @Test
  void xMustHaveRowsTimesInputsValues() {
    XorNnNet xor = XorNnNet.create(1);
    String[] tooShort = {"x", "rows × 2 = 8", "rows = 4", "was 7"};
    assertRejects(() -> xor.forward(new float[7], 4), tooShort);
    assertAllReject(xor, new float[7], XOR_Y, 4, tooShort);
    String[] tooLong = {"x", "rows × 2 = 6", "rows = 3", "was 8"};
    assertRejects(() -> xor.forward(XOR_X, 3), tooLong);
    assertAllReject(xor, XOR_X, new float[3], 3, tooLong);

    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    assertRejects(() -> mse.forward(new float[8], 3), "x", "rows × 4 = 12", "rows = 3", "was 8");
    assertAllReject(mse, new float[8], new float[6], 3, "x", "rows × 4 = 12", "rows = 3", "was 8");
  }

  @Test
  void expectedLengthIsComputedWithoutOverflow() {
    XorNnNet xor = XorNnNet.create(1);
    assertRejects(() -> xor.forward(XOR_X, Integer.MAX_VALUE),
        "x", "rows × 2 = 4294967294", "rows = 2147483647", "was 8");
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    assertRejects(() -> mse.forward(new float[4], 1 << 30), "x", "rows × 4 = 4294967296", "was 4");
  }

  @Test
  void yMustHaveRowsTimesOutputsValues() {
    XorNnNet xor = XorNnNet.create(1);
    assertAllReject(xor, XOR_X, new float[3], 4, "y", "rows × 1 = 4", "rows = 4", "was 3");
    assertAllReject(xor, XOR_X, new float[5], 4, "y", "rows × 1 = 4", "rows = 4", "was 5");
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    // one target per row is not enough with 2 outputs
    assertAllReject(mse, new float[12], new float[3], 3, "y", "rows × 2 = 6", "rows = 3", "was 3");
  }

  // ---------------------------------------------------------------------------------------------
  // null

  @Test
  void nullArraysAreRejectedByName() {
    XorNnNet xor = XorNnNet.create(1);
    assertRejects(() -> xor.forward(null, 4), "x must not be null", "rows × 2 = 8");
    assertAllReject(xor, null, XOR_Y, 4, "x must not be null", "rows × 2 = 8");
    assertAllReject(xor, XOR_X, null, 4, "y must not be null", "rows × 1 = 4");
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    assertAllReject(mse, new float[12], null, 3, "y must not be null", "rows × 2 = 6");
  }

  @Test
  void nullOptimizerIsRejectedByName() {
    XorNnNet xor = XorNnNet.create(1);
    assertRejects(() -> xor.trainStep(XOR_X, XOR_Y, 4, null), "optimizer must not be null");
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    assertRejects(() -> mse.trainStep(new float[4], new float[2], 1, null), "optimizer must not be null");
  }

  // ---------------------------------------------------------------------------------------------
  // values

  @Test
  void inputsMustBeFinite() {
    XorNnNet xor = XorNnNet.create(1);
    for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      float[] x = XOR_X.clone();
      x[5] = value;
      String[] fragments = {"x[5]", "row 2, column 1", "must be finite", "was " + value};
      assertRejects(() -> xor.forward(x, 4), fragments);
      assertAllReject(xor, x, XOR_Y, 4, fragments);
    }
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    float[] x = new float[8];
    x[7] = Float.NaN;
    assertRejects(() -> mse.forward(x, 2), "x[7]", "row 1, column 3", "must be finite", "was NaN");
  }

  @Test
  void targetsMustBeFinite() {
    XorNnNet xor = XorNnNet.create(1);
    float[] y = {0, 1, Float.NaN, 0};
    assertAllReject(xor, XOR_X, y, 4, "y[2]", "row 2, column 0", "was NaN");
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    float[] yMse = {0, 1, 2, Float.NEGATIVE_INFINITY};
    assertAllReject(mse, new float[8], yMse, 2, "y[3]", "row 1, column 1", "must be finite", "was -Infinity");
  }

  @Test
  void bceTargetsMustBeProbabilities() {
    XorNnNet xor = XorNnNet.create(1);
    for (float label : new float[] {1.5f, -0.5f, 2f, -Float.MIN_VALUE, Math.nextUp(1f)}) {
      float[] y = {0, 1, label, 0};
      assertAllReject(xor, XOR_X, y, 4, "y[2]", "row 2, column 0", "[0, 1]", "BCE", "was " + label);
    }
    // the bounds themselves, and fractions, are fine
    float[] fine = {0f, 1f, 0.3f, -0f};
    assertTrue(Float.isFinite(xor.lossAndGradients(XOR_X, fine, 4)));
  }

  @Test
  void mseTargetsMayBeAnyFiniteValue() {
    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(1);
    float[] x = random(8, 1, -1, 1);
    float[] y = {1.5f, -0.5f, 2f, -3f};
    float loss = mse.lossAndGradients(x, y, 2);
    assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
    assertTrue(Float.isFinite(mse.trainStep(x, y, 2, SGD)));
  }

  // ---------------------------------------------------------------------------------------------
  // a rejected call changes nothing

  private record State(List<float[]> values) {
    static State of(List<Linear> linears) {
      return new State(linears.stream()
          .flatMap(l -> Stream.of(l.weight(), l.bias(), l.weightGrad(), l.biasGrad()))
          .toList());
    }

    void assertSame(State after, String what) {
      assertEquals(values.size(), after.values.size());
      for (int i = 0; i < values.size(); i++) {
        assertArrayEquals(values.get(i), after.values.get(i), what + ": parameters or gradients changed");
      }
    }
  }

  @Test
  void rejectedCallsLeaveParametersAndGradientsUnchanged() {
    XorNnNet xor = XorNnNet.create(777);
    xor.trainStep(XOR_X, XOR_Y, 4, SGD); // non-zero gradients to keep
    List<Linear> layers = List.of(xor.linear1, xor.linear2);
    State before = State.of(layers);
    float[] prediction = xor.forward(XOR_X, 4);

    Optimizer mustNotRun = (params, grads) -> {
      throw new AssertionError("optimizer called on a rejected step");
    };
    List<Executable> rejected = List.of(
        () -> xor.trainStep(XOR_X, new float[] {0, 1, 1.5f, 0}, 4, mustNotRun),
        () -> xor.trainStep(XOR_X, new float[] {0, 1, 1, Float.NaN}, 4, mustNotRun),
        () -> xor.trainStep(XOR_X, new float[] {0, 1, 1}, 4, mustNotRun),
        () -> xor.trainStep(XOR_X, null, 4, mustNotRun),
        () -> xor.trainStep(new float[] {0, 0, 0, 1, 1, 0, 1, Float.POSITIVE_INFINITY}, XOR_Y, 4, mustNotRun),
        () -> xor.trainStep(XOR_X, XOR_Y, 0, mustNotRun),
        () -> xor.trainStep(XOR_X, XOR_Y, 4, null),
        () -> xor.lossAndGradients(XOR_X, new float[] {0, 1, 1, -1}, 4),
        () -> xor.forward(new float[7], 4),
        () -> xor.setParameters(new float[XorNnNet.PARAMETER_COUNT - 1]),
        () -> xor.setParameters(new float[XorNnNet.PARAMETER_COUNT + 1]),
        () -> xor.setParameters(null));
    for (int i = 0; i < rejected.size(); i++) {
      assertThrows(IllegalArgumentException.class, rejected.get(i));
      before.assertSame(State.of(layers), "rejected call " + i);
    }
    assertArrayEquals(prediction, xor.forward(XOR_X, 4));

    Mse4332TanhReluNet mse = Mse4332TanhReluNet.create(3);
    float[] x = random(12, 2, -1, 1);
    float[] y = random(6, 3, -1, 1);
    mse.trainStep(x, y, 3, SGD);
    List<Linear> mseLayers = List.of(mse.linear1, mse.linear2, mse.linear3);
    State mseBefore = State.of(mseLayers);
    float[] badY = y.clone();
    badY[5] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> mse.trainStep(x, badY, 3, mustNotRun));
    assertThrows(IllegalArgumentException.class, () -> mse.trainStep(x, new float[5], 3, mustNotRun));
    mseBefore.assertSame(State.of(mseLayers), "rejected MSE step");
  }

  // ---------------------------------------------------------------------------------------------
  // buffers

  @Test
  void largerBatchAfterSmallerOneWorks() {
    float[] x = random(10 * 4, 4, -2, 2);
    float[] y = random(10 * 2, 5, -1, 1);
    Mse4332TanhReluNet grown = Mse4332TanhReluNet.create(5);
    grown.forward(Arrays.copyOf(x, 2 * 4), 2);
    grown.lossAndGradients(Arrays.copyOf(x, 3 * 4), Arrays.copyOf(y, 3 * 2), 3);
    float[] prediction = grown.forward(x, 10);
    assertEquals(10 * 2, prediction.length);
    float loss = grown.lossAndGradients(x, y, 10);

    Mse4332TanhReluNet fresh = Mse4332TanhReluNet.create(5);
    assertArrayEquals(fresh.forward(x, 10), prediction);
    assertEquals(fresh.lossAndGradients(x, y, 10), loss);
    assertSameGradients(List.of(fresh.linear1, fresh.linear2, fresh.linear3),
        List.of(grown.linear1, grown.linear2, grown.linear3));
  }

  @Test
  void resultsDoNotDependOnEarlierBatchSizes() {
    float[] big = random(10 * 4, 6, -2, 2);
    float[] bigY = random(10 * 2, 7, -1, 1);
    float[] x = random(3 * 4, 8, -2, 2);
    float[] y = random(3 * 2, 9, -1, 1);

    Mse4332TanhReluNet used = Mse4332TanhReluNet.create(9);
    used.lossAndGradients(big, bigY, 10);
    float[] prediction = used.forward(x, 3);
    float loss = used.lossAndGradients(x, y, 3);

    Mse4332TanhReluNet fresh = Mse4332TanhReluNet.create(9);
    assertArrayEquals(fresh.forward(x, 3), prediction, "forward on 3 rows after a 10-row batch");
    assertEquals(3 * 2, prediction.length);
    assertEquals(fresh.lossAndGradients(x, y, 3), loss, "loss on 3 rows after a 10-row batch");
    assertSameGradients(List.of(fresh.linear1, fresh.linear2, fresh.linear3),
        List.of(used.linear1, used.linear2, used.linear3));

    // the same for the lecture's BCE network, through trainStep
    XorNnNet xorUsed = XorNnNet.create(777);
    float[] manyX = random(16 * 2, 10, 0, 1);
    float[] manyY = random(16, 11, 0, 1);
    xorUsed.lossAndGradients(manyX, manyY, 16);
    XorNnNet xorFresh = XorNnNet.create(777);
    float[] threeX = Arrays.copyOf(XOR_X, 6);
    float[] threeY = Arrays.copyOf(XOR_Y, 3);
    assertEquals(xorFresh.trainStep(threeX, threeY, 3, SGD), xorUsed.trainStep(threeX, threeY, 3, SGD));
    assertArrayEquals(xorFresh.linear1.weight(), xorUsed.linear1.weight());
    assertArrayEquals(xorFresh.linear2.weight(), xorUsed.linear2.weight());
    assertArrayEquals(xorFresh.linear1.bias(), xorUsed.linear1.bias());
    assertArrayEquals(xorFresh.linear2.bias(), xorUsed.linear2.bias());
  }

  @Test
  void forwardReturnsAFreshArrayAndLeavesItsInputsAlone() {
    XorNnNet xor = XorNnNet.create(1);
    float[] x = XOR_X.clone();
    float[] y = XOR_Y.clone();
    float[] first = xor.forward(x, 4);
    float[] copy = first.clone();
    first[0] = 42f;
    float[] second = xor.forward(x, 4);
    assertArrayEquals(copy, second);
    assertNotEquals(first, second);
    xor.trainStep(x, y, 4, SGD);
    assertArrayEquals(XOR_X, x, "x changed");
    assertArrayEquals(XOR_Y, y, "y changed");
  }

  // ---------------------------------------------------------------------------------------------
  // class labels (cross-entropy networks)

  /**
   * A cross-entropy network takes one class index per row: a label outside {@code [0, classes)} fails like
   * PyTorch's ("Target 7 is out of bounds.") naming its row, a wrong count or null names {@code labels}, and
   * nothing changes: not the parameters, not the gradients of the last good call.
   */
  @Test
  void labelsMustBeClassIndicesOnePerRow() {
    Ce463ReluNet net = Ce463ReluNet.create(3);
    float[] x = random(4 * 4, 5, -1, 1);
    int[] good = {0, 2, 1, 2};
    float loss = net.lossAndGradients(x, good, 4);
    assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
    float[] params = net.parameters();
    float[] weightGrad = net.linear1.weightGrad();
    assertRejects(() -> net.lossAndGradients(x, new int[] {0, 2, 7, 1}, 4),
        "Target 7 is out of bounds.", "labels[2] (row 2)", "[0, 3)");
    assertRejects(() -> net.trainStep(x, new int[] {0, -1, 1, 1}, 4, SGD),
        "Target -1 is out of bounds.", "labels[1] (row 1)");
    assertRejects(() -> net.lossAndGradients(x, new int[] {0, 1, 2}, 4), "labels", "rows = 4 ints", "was 3 ints");
    assertRejects(() -> net.lossAndGradients(x, null, 4), "labels", "was null");
    assertRejects(() -> net.lossAndGradients(x, good, 0), "rows", "> 0", "was 0");
    assertArrayEquals(params, net.parameters(), "a rejected call changed the parameters");
    assertArrayEquals(weightGrad, net.linear1.weightGrad(), "a rejected call changed the gradients");
    assertEquals(loss, net.lossAndGradients(x, good, 4), "the same batch again");
  }

  /**
   * {@code forward} of a cross-entropy network gives the logits, {@code rows × classes}: the loss computed
   * from them in double is the one {@code lossAndGradients} returns, to float rounding.
   */
  @Test
  void crossEntropyForwardGivesLogits() {
    Ce463ReluNet net = Ce463ReluNet.create(3);
    float[] x = random(5 * 4, 6, -3, 3);
    int[] labels = {2, 0, 1, 1, 0};
    float[] logits = net.forward(x, 5);
    assertEquals(5 * 3, logits.length);
    double sum = 0;
    for (int r = 0; r < 5; r++) {
      double exps = 0;
      for (int c = 0; c < 3; c++) {
        exps += Math.exp(logits[r * 3 + c]);
      }
      sum -= logits[r * 3 + labels[r]] - Math.log(exps);
    }
    assertEquals(sum / 5, net.lossAndGradients(x, labels, 5), 1e-6);
  }

  private static void assertSameGradients(List<Linear> expected, List<Linear> actual) {
    for (int k = 0; k < expected.size(); k++) {
      assertArrayEquals(expected.get(k).weightGrad(), actual.get(k).weightGrad(), "weightGrad of Linear " + (k + 1));
      assertArrayEquals(expected.get(k).biasGrad(), actual.get(k).biasGrad(), "biasGrad of Linear " + (k + 1));
    }
  }
}
