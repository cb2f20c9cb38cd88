package chainrule.spark.examples;

import chainrule.Adam;
import chainrule.Csv;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.Fit;
import chainrule.History;
import chainrule.Standardizer;
import chainrule.spark.LocalSpark;
import chainrule.spark.SparkTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The breast-cancer classifier (scikit-learn's copy of WDBC: 569 rows, 30 features) trained twice from the same
 * initial weights, full batch, 100 Adam steps: on Spark ({@code local[*]} by default, 4 partitions) and on this
 * JVM; printed side by side, then both networks on the held-out fifth. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl processor,spark -am package -DskipTests exec:exec
 * mvn -B -q -pl processor,spark -am package -DskipTests exec:exec -Dexample.args="local[2] 8"   # master, partitions
 * </pre>
 */
public final class SparkBreastCancer {
  private static final long SEED = 42;
  private static final int EPOCHS = 100;

  private SparkBreastCancer() {}

  public static void main(String[] args) throws IOException {
    String master = args.length > 0 ? args[0] : "local[*]";
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path file = Path.of("data/sklearn/breast_cancer.csv");
    if (!Files.exists(file)) {
      file = Path.of("..").resolve(file); // run from the spark module's directory
    }
    Data data = Csv.targets(file, -1); // 30 measurements, then 0 (malignant) or 1 (benign) as BCE's target
    Data.Split split = data.split(0.2, SEED);
    Standardizer standardizer = Standardizer.fit(split.train());
    Data train = standardizer.apply(split.train());
    Data test = standardizer.apply(split.validation());

    long started = System.nanoTime();
    BreastCancerNet local = BreastCancerNet.create(SEED);
    History onJvm = local.fit(train, Fit.epochs(EPOCHS).optimizer(new Adam(0.01f)).silent());
    double jvmSeconds = (System.nanoTime() - started) / 1e9;

    SparkSession spark = LocalSpark.session(master);
    Dataset<Row> rows = Datasets.of(spark, train, partitions).cache();
    rows.count();
    started = System.nanoTime();
    BreastCancerNet distributed = BreastCancerNet.create(SEED);
    History onSpark = SparkTrainer.of(() -> BreastCancerNet.create(0))
        .fit(distributed, rows, Fit.epochs(EPOCHS).optimizer(new Adam(0.01f)).silent());
    double sparkSeconds = (System.nanoTime() - started) / 1e9;

    System.out.printf("breast cancer, %d training rows, %d held out; %d full-batch Adam steps from the same weights%n",
        train.rows(), test.rows(), EPOCHS);
    System.out.printf("Spark: %s, %d partitions%n%n", spark.sparkContext().master(), rows.rdd().getNumPartitions());
    System.out.printf("%5s  %-12s %-12s %s%n", "step", "one JVM", "Spark", "relative difference");
    float[] a = onJvm.batchLosses();
    float[] b = onSpark.batchLosses();
    for (int step = 0; step < EPOCHS; step++) {
      if (step % 10 == 0 || step == EPOCHS - 1) {
        System.out.printf("%5d  %-12.8f %-12.8f %.2e%n", step + 1, a[step], b[step], relative(a[step], b[step]));
      }
    }
    Evaluation jvmTest = local.evaluate(test);
    Evaluation sparkTest = distributed.evaluate(test);
    System.out.printf("%nheld out  %-12s %-12s%n", "one JVM", "Spark");
    System.out.printf("loss      %-12.8f %-12.8f%n", jvmTest.loss(), sparkTest.loss());
    System.out.printf("accuracy  %-12.6f %-12.6f%n", jvmTest.accuracy(), sparkTest.accuracy());
    float[] p = local.parameters();
    float[] q = distributed.parameters();
    double maxAbs = 0;
    for (int i = 0; i < p.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(p[i] - q[i]));
    }
    System.out.printf("%nfinal parameters (%d): max absolute difference %.3g%n", p.length, maxAbs);
    System.out.printf("time       %-12s %-12s (Spark: one job per step)%n", String.format("%.2f s", jvmSeconds),
        String.format("%.2f s", sparkSeconds));
    spark.stop();
  }

  private static double relative(float a, float b) {
    return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }
}
