package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Float targets with two outputs (MSE, an array<float> target column) train on Spark as on one JVM. */
class RegressionTest {
  @Test
  void arrayTargetsTrainAsOneJvm() {
    SplittableRandom random = new SplittableRandom(5);
    int rows = 120;
    float[] x = new float[rows * 3];
    float[] y = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      float a = (float) random.nextDouble(-1, 1);
      float b = (float) random.nextDouble(-1, 1);
      float c = (float) random.nextDouble(-1, 1);
      x[3 * r] = a;
      x[3 * r + 1] = b;
      x[3 * r + 2] = c;
      y[2 * r] = a * b + c;
      y[2 * r + 1] = (float) Math.sin(a - c);
    }
    Data data = Data.of(x, y, rows);
    RegressionNet local = RegressionNet.create(11);
    History expected = local.fit(data, Fit.epochs(30).optimizer(new Adam(0.02f)).silent());
    RegressionNet spark = RegressionNet.create(11);
    History actual = SparkTrainer.of(() -> RegressionNet.create(0))
        .fit(spark, Rows.dataset(data, Rows.Features.DOUBLES, 13, 90, 17),
            Fit.epochs(30).optimizer(new Adam(0.02f)).silent()); // an Adam per network, as on one JVM
    System.out.println("MSE, 2 outputs, 13/90/17 partitions against one JVM, 30 Adam steps:");
    EquivalenceTest.maxRelativeDiff("loss", expected.batchLosses(), actual.batchLosses());
    EquivalenceTest.maxRelativeDiff("parameter", local.parameters(), spark.parameters());
    assertEquals(30, actual.batchLosses().length);
  }
}
