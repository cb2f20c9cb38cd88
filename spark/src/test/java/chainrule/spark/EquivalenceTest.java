package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on Spark equals training on one JVM: the same 140 iris rows, 50 full-batch Adam steps, on partitions
 * of 7, 100 and 33 rows against {@code net.fit} on one JVM. The sums group differently (per partition, then
 * across partitions in double), so the last bits of the gradients differ; every step's loss and every final
 * parameter must agree within 1e-5 relative. Measured on this machine: see {@link #TOLERANCE}.
 */
class EquivalenceTest {
  /**
   * 1e-5 relative, |a - b| ≤ 1e-5·max(|a|, |b|, {@link #FLOOR}). Measured here (2026-11-30), 7/100/33
   * partitions against one JVM: every step's loss within 2.3e-7 relative, every parameter within 5.5e-6 (7.2e-6 plain relative);
   * 1 against 4 partitions 2.9e-7 and 4.9e-6; one partition is bit-identical to one JVM (its weight is 1).
   */
  static final double TOLERANCE = 1e-5;

  /**
   * Values smaller than this are compared relative to it (an absolute 1e-7). A parameter that Adam's steps
   * (about lr = 0.01 each) carried across zero ends small but keeps the absolute rounding of those steps,
   * measured ~5e-8: relative to its own size that can be 7e-5 (parameter 38 at 7.2e-4, 1 against 4 partitions),
   * while every parameter of magnitude above 0.01 agrees within 1e-5 relative.
   */
  static final double FLOOR = 1e-2;
  static final int STEPS = 50;

  static Data iris;
  static History local;
  static float[] localParams;

  @BeforeAll
  static void trainOnOneJvm() throws IOException {
    iris = Rows.iris140();
    IrisNet net = IrisNet.create(1);
    local = net.fit(iris, fit());
    localParams = net.parameters();
  }

  static Fit fit() {
    return Fit.epochs(STEPS).optimizer(new Adam(0.01f)).silent();
  }

  static Result onSpark(Dataset<Row> rows) {
    IrisNet net = IrisNet.create(1);
    History history = SparkTrainer.of(() -> IrisNet.create(0)).fit(net, rows, fit());
    return new Result(history.batchLosses(), net.parameters());
  }

  record Result(float[] losses, float[] params) {}

  @Test
  void unevenPartitionsTrainAsOneJvm() {
    Dataset<Row> rows = Rows.dataset(iris, Rows.Features.FLOATS, 7, 100, 33);
    assertEquals(List.of(7, 100, 33), Rows.partitionSizes(rows));
    Result spark = onSpark(rows);
    assertEquals(STEPS, spark.losses().length);
    System.out.println("7/100/33 partitions against one JVM, " + STEPS + " full-batch Adam steps:");
    maxRelativeDiff("loss", local.batchLosses(), spark.losses());
    maxRelativeDiff("parameter", localParams, spark.params());
    assertTrue(local.batchLosses()[STEPS - 1] < 0.5f * local.batchLosses()[0], "training must learn something");
  }

  @Test
  void twoRunsAreBitIdentical() {
    Dataset<Row> rows = Rows.dataset(iris, Rows.Features.FLOATS, 7, 100, 33);
    Result first = onSpark(rows);
    Result second = onSpark(rows);
    assertArrayEquals(first.losses(), second.losses());
    assertArrayEquals(first.params(), second.params());
  }

  @Test
  void oneAndFourPartitionsAgree() {
    Result one = onSpark(Rows.dataset(iris, Rows.Features.FLOATS, 140));
    Result four = onSpark(Rows.dataset(iris, Rows.Features.FLOATS, 35, 35, 35, 35));
    System.out.println("1 against 4 partitions:");
    maxRelativeDiff("loss", one.losses(), four.losses());
    maxRelativeDiff("parameter", one.params(), four.params());
    System.out.println("1 partition against one JVM:");
    maxRelativeDiff("loss", local.batchLosses(), one.losses());
    maxRelativeDiff("parameter", localParams, one.params());
  }

  @Test
  void featureTypesReadTheSameNumbers() {
    Result floats = onSpark(Rows.dataset(iris, Rows.Features.FLOATS, 70, 70));
    Result doubles = onSpark(Rows.dataset(iris, Rows.Features.DOUBLES, 70, 70));
    Result vectors = onSpark(Rows.dataset(iris, Rows.Features.VECTOR, 70, 70));
    assertArrayEquals(floats.params(), doubles.params());
    assertArrayEquals(floats.params(), vectors.params());
  }

  /**
   * The largest {@code |a - b| / max(|a|, |b|, FLOOR)}; fails naming the first index beyond {@link #TOLERANCE}.
   * Also prints the plain relative difference ({@code FLOOR} 0) and the absolute one, for the record.
   */
  static double maxRelativeDiff(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + " count");
    double max = 0;
    double plain = 0;
    double absolute = 0;
    for (int i = 0; i < expected.length; i++) {
      double a = expected[i];
      double b = actual[i];
      double diff = Math.abs(a - b) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(b)));
      if (!(diff <= TOLERANCE)) {
        throw new AssertionError(what + " " + i + ": expected " + a + ", was " + b + ", relative difference "
            + diff + " > " + TOLERANCE);
      }
      max = Math.max(max, diff);
      absolute = Math.max(absolute, Math.abs(a - b));
      if (a != b) {
        plain = Math.max(plain, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
      }
    }
    System.out.printf("  %s: max rel diff %.3g (plain relative %.3g, absolute %.3g)%n", what, max, plain, absolute);
    return max;
  }
}
