package chainrule.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Spark embedded in this JVM, for tests, examples and trying things without a cluster: {@code local[*]} (one
 * executor thread per core) with the web UI off. On a cluster, build the session as usual
 * ({@code SparkSession.builder().getOrCreate()} under spark-submit) and pass its Datasets to
 * {@link SparkTrainer}.
 */
public final class LocalSpark {
  private LocalSpark() {}

  /** The session of {@code master} (e.g. {@code "local[*]"}, {@code "local[2]"}), created once per JVM. */
  public static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("chainrule")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4") // small data here: Spark's 200 would mean 200 tiny tasks
        .getOrCreate();
  }

  /** {@code session("local[*]")}. */
  public static SparkSession session() {
    return session("local[*]");
  }
}
