package chainrule.spark.examples;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.Listener;
import chainrule.Status;
import chainrule.spark.LocalSpark;
import chainrule.spark.SparkTrainer;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rows per second of full-batch training, on Spark and on this JVM, side by side in one process: the "medium"
 * network (64-256-256-1, 82,689 parameters) on synthetic rows. Also the fixed cost of a step (the same network
 * on one row per partition: scheduling, broadcast, collect) and the driver's reduce (adding the partitions'
 * gradients in double). One master per JVM (Spark allows one context), so run it once per master:
 *
 * <pre>
 * mvn -B -q -pl processor,spark -am package -DskipTests exec:exec \
 *     -Dexample.main=chainrule.spark.examples.SparkScale -Dexample.args="local[2] 2 32768 10"
 * </pre>
 *
 * arguments: master, partitions, rows, steps.
 */
public final class SparkScale {
  private SparkScale() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 32768;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Data data = synthetic(rows, 64, 3);
    Data tiny = data.slice(0, partitions);
    SparkSession spark = LocalSpark.session(master);
    Dataset<Row> all = Datasets.of(spark, data, partitions).cache();
    Dataset<Row> fixed = Datasets.of(spark, tiny, partitions).cache();
    all.count();
    fixed.count();
    SparkTrainer<MediumNet> trainer = SparkTrainer.of(() -> MediumNet.create(0));
    int parameters = MediumNet.create(0).parameterCount();
    System.out.printf("medium (%d parameters), %d rows × 64, full batch, %d steps; Spark %s, %d partitions%n",
        parameters, rows, steps, master, partitions);
    // warm-up: JIT, and the executor threads' networks
    MediumNet.create(1).fit(data, fit(2));
    trainer.fit(MediumNet.create(1), all, fit(2));
    trainer.fit(MediumNet.create(1), fixed, fit(5));
    for (int round = 1; round <= 3; round++) {
      double jvm = seconds(() -> MediumNet.create(1).fit(data, fit(steps)));
      double jvm2 = seconds(() -> MediumNet.create(1).threads(2).fit(data, fit(steps)));
      StepClock onSpark = new StepClock();
      double total = seconds(() -> trainer.fit(MediumNet.create(1), all, fit(steps).listener(onSpark)));
      StepClock fixedCost = new StepClock();
      trainer.fit(MediumNet.create(1), fixed, fit(steps).listener(fixedCost));
      double step = onSpark.secondsPerStep();
      System.out.printf("round %d: one JVM %,.0f rows/s (%.1f ms/step), one JVM threads(2) %,.0f rows/s (%.1f ms/step),"
          + " Spark %,.0f rows/s (%.1f ms/step, and %.2f s per fit to pack and cache the rows);"
          + " fixed cost of a step %.1f ms%n", round, rows * steps / jvm, 1e3 * jvm / steps, rows * steps / jvm2,
          1e3 * jvm2 / steps, rows / step, 1e3 * step, total - steps * step, 1e3 * fixedCost.secondsPerStep());
    }
    System.out.printf("per step: broadcast %,d bytes; gradients %,d bytes per partition; driver reduce of %d"
        + " partitions %.3f ms%n", 4L * parameters, 4L * parameters, partitions, reduceMillis(parameters, partitions));
    spark.stop();
  }

  /** Times the steps after the first (which waits for the rows to be packed): steady seconds per step. */
  private static final class StepClock implements Listener {
    private long first;
    private long last;
    private int ends;

    @Override
    public void batchEnd(Status status) {
      last = System.nanoTime();
      if (ends++ == 0) {
        first = last;
      }
    }

    double secondsPerStep() {
      return (last - first) / 1e9 / (ends - 1);
    }
  }

  private static Fit fit(int steps) {
    return Fit.epochs(steps).optimizer(new Adam(0.001f)).silent();
  }

  private static double seconds(Runnable run) {
    long started = System.nanoTime();
    run.run();
    return (System.nanoTime() - started) / 1e9;
  }

  /** What the driver does per step with the partials: add them up in double, in order, and round once. */
  private static double reduceMillis(int parameters, int partitions) {
    float[][] partials = new float[partitions][parameters];
    SplittableRandom random = new SplittableRandom(1);
    for (float[] partial : partials) {
      for (int i = 0; i < parameters; i++) {
        partial[i] = (float) random.nextDouble();
      }
    }
    double[] sum = new double[parameters];
    float[] grads = new float[parameters];
    int reps = 2000;
    long started = 0;
    for (int rep = 0; rep < 2 * reps; rep++) {
      if (rep == reps) {
        started = System.nanoTime();
      }
      java.util.Arrays.fill(sum, 0);
      for (float[] partial : partials) {
        for (int i = 0; i < parameters; i++) {
          sum[i] += partial[i];
        }
      }
      for (int i = 0; i < parameters; i++) {
        grads[i] = (float) sum[i];
      }
    }
    return (System.nanoTime() - started) / 1e6 / reps + grads[0] * 0;
  }

  /** Uniform features in [-1, 1]; the target is 1 where the first 8 features add up to more than 0. */
  static Data synthetic(int rows, int inputs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * inputs];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      float sum = 0;
      for (int i = 0; i < inputs; i++) {
        float v = (float) random.nextDouble(-1, 1);
        x[r * inputs + i] = v;
        sum += i < 8 ? v : 0;
      }
      y[r] = sum > 0 ? 1 : 0;
    }
    return Data.of(x, y, rows);
  }
}
