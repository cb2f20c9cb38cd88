package chainrule.spark;

import chainrule.Classifier;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Net;
import chainrule.Schedule;
import chainrule.internal.FitRules;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a generated network on a Spark {@code Dataset<Row>}, synchronously data-parallel, as {@code net.fit}
 * trains it on one JVM:
 *
 * <pre>
 * WdbcNet net = WdbcNet.create(42);
 * History history = SparkTrainer.of(() -&gt; WdbcNet.create(0))      // how an executor builds its own network
 *     .columns("features", "label")                                   // Spark ML's names are the defaults
 *     .fit(net, dataset, Fit.epochs(100).optimizer(new Adam(0.01f)));
 * net.save(Path.of("wdbc.chainrule"));                                // a normal checkpoint; any JVM loads it
 * </pre>
 *
 * Each step broadcasts the parameters ({@code float[]}); each partition runs the generated forward, loss and
 * backward on its share of the step's rows with a network of its own, and returns its loss and gradients
 * weighted by that share; the driver adds the partitions' results up in partition order (the same order
 * every run, so two runs are bit-identical) and applies the optimizer, whose state lives on the driver, to
 * {@code net}'s parameters. The rows are read from the {@code Dataset} once, packed into float arrays per
 * partition and cached while {@code fit} runs.
 *
 * <p>Of {@link Fit}'s options these apply: epochs, optimizer, batch size (see {@link #fit} for how batches are
 * cut), shuffle (per partition, seeded by {@link #seed}), validation (a {@code chainrule.Data} held by the
 * driver, measured after each epoch), schedules (not {@code reduceOnPlateau}), early stopping with monitor
 * {@code LOSS} or {@code VAL_LOSS}, restoreBest, listeners and progress. The others are refused with an
 * IllegalArgumentException that names them.
 */
public final class SparkTrainer<N extends Net> {
  private final NetFactory<N> factory;
  private final String features;
  private final String label;
  private final long seed;

  private SparkTrainer(NetFactory<N> factory, String features, String label, long seed) {
    this.factory = factory;
    this.features = features;
    this.label = label;
    this.seed = seed;
  }

  /** A trainer whose executors build their networks with {@code factory}; columns "features" and "label". */
  public static <N extends Net> SparkTrainer<N> of(NetFactory<N> factory) {
    if (factory == null) {
      throw new IllegalArgumentException("factory must not be null");
    }
    return new SparkTrainer<>(factory, "features", "label", 0);
  }

  /**
   * The feature column ({@code array<float>}, {@code array<double>} or an ML {@code Vector}) and the target
   * column (a number or an array of numbers for BCE and MSE networks; a class index for cross-entropy ones).
   */
  public SparkTrainer<N> columns(String features, String label) {
    if (features == null || label == null) {
      throw new IllegalArgumentException("column names must not be null, were " + features + ", " + label);
    }
    return new SparkTrainer<>(factory, features, label, seed);
  }

  /** The seed of {@code Fit.shuffle(true)}'s per-partition orders (default 0). */
  public SparkTrainer<N> seed(long seed) {
    return new SparkTrainer<>(factory, features, label, seed);
  }

  /**
   * Trains {@code net}, from its current parameters, on {@code rows} as {@code fit} says, and leaves the
   * trained parameters in it. Steps per epoch: {@code K = ⌈rows / batchSize⌉} (1 without a batch size: full
   * batch); step {@code k} takes the k-th of K near-equal slices of every partition, so each step has about
   * {@code rows / K} rows, each row is used once per epoch, and the batches depend on the partitioning and the
   * seed only. Each step is one Spark job: use full batches or large ones (see the README's "Training on
   * Apache Spark"). Failures of the data (a missing column, a wrong type or width, a bad label, no rows) are
   * IllegalArgumentExceptions naming the column, the expected and the actual value.
   */
  public History fit(N net, Dataset<Row> rows, Fit fit) {
    if (net == null || rows == null || fit == null) {
      throw new IllegalArgumentException("net, rows and fit must not be null, were " + net + ", "
          + (rows == null ? null : "a Dataset") + ", " + fit);
    }
    checkOptions(fit);
    UnsupportedLayers.check(net);
    if (rows.isStreaming()) {
      throw new IllegalArgumentException("rows is a streaming Dataset; SparkTrainer trains on a batch one (read the "
          + "data with spark.read(), or collect a stream's micro-batches into a table first)");
    }
    if (rows.sparkSession().sparkContext().isStopped()) {
      throw new IllegalStateException("the SparkSession of rows is stopped; train on a Dataset of a running session");
    }
    checkSerializable(factory);
    N probe = factory.create();
    if (probe == null || probe.getClass() != net.getClass() || probe.parameterCount() != net.parameterCount()) {
      throw new IllegalArgumentException("factory must build networks like net, " + net + " ("
          + net.parameterCount() + " parameters), built " + probe
          + (probe == null ? "" : " (" + probe.parameterCount() + " parameters)"));
    }
    ColumnReader reader = ColumnReader.of(rows.schema(), features, label, net instanceof Classifier);
    Dataset<Row> selected = rows.select(quoted(features), quoted(label));
    List<Row> first = selected.takeAsList(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException("the data set has no rows; expected at least 1 row with columns '"
          + features + "' and '" + label + "'");
    }
    int inputs = reader.featureWidth(first.get(0));
    int outputs = outputs(net, inputs);
    if (!(net instanceof Classifier) && reader.scalarTarget() && outputs != 1) {
      throw new IllegalArgumentException("target column '" + label + "' holds one number per row, but " + net
          + " has " + outputs + " outputs; give an array column of " + outputs + " numbers");
    }
    reader.widths(inputs, outputs);
    if (fit.validation() != null) {
      checkValidation(net, fit.validation());
    }
    JavaRDD<Block> blocks = selected.javaRDD()
        .mapPartitionsWithIndex((partition, it) -> List.of(reader.pack(partition, it)).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    // Cut the lineage once the blocks exist: every step's tasks then carry a small checkpoint partition, not
    // the source's (a Dataset built with parallelize carries its rows in its partitions: measured 250-550 ms
    // per step of serialising 4,096 boxed rows per task, against 40-60 ms of computing them)
    blocks.rdd().localCheckpoint();
    try {
      List<Integer> counted = SparkErrors.unwrap(() -> blocks.map(block -> block.rows).collect());
      int[] sizes = counted.stream().mapToInt(Integer::intValue).toArray();
      int total = 0;
      for (int size : sizes) {
        total += size;
      }
      int batchSize = fit.batchSize() == 0 ? total : Math.min(fit.batchSize(), total);
      Batches batches = new Batches(sizes, batchSize, fit.shuffle(), seed);
      FitRules.checkSteps(fit.epochs(), batches.nonEmptySteps());
      return new SparkRun(net, factory, blocks, batches, fit).train();
    } finally {
      blocks.unpersist(false);
    }
  }

  /** A column name as {@code select} reads it: quoted, so that a dot in it is no struct field's path. */
  private static Column quoted(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /**
   * The factory travels to every executor, so it must serialise: a lambda that captures a network
   * ({@code () -> net}) does not, and Spark would only say "Task not serializable".
   */
  private static void checkSerializable(NetFactory<?> factory) {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(factory);
    } catch (IOException e) {
      throw new IllegalArgumentException("factory must be serialisable to reach the executors, but " + e
          + "; build the network inside it, as SparkTrainer.of(() -> MyNet.create(0)), and capture nothing else "
          + "that is not Serializable", e);
    }
  }

  /**
   * Validation rows are evaluated after every epoch; evaluating them once now finds what would fail there (a
   * width, a label, a NaN) before any step, as {@code net.fit} does. The parameters do not change.
   */
  private static void checkValidation(Net net, Data validation) {
    try {
      net.evaluate(validation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("validation: " + e.getMessage(), e);
    }
  }

  /** The network's outputs, from one forward pass of a row of zeros; fails if it takes another width. */
  private int outputs(Net net, int inputs) {
    try {
      return net.forward(new float[inputs], 1).length;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("features column '" + features + "' has " + inputs
          + " values per row, which " + net + " does not take: " + e.getMessage(), e);
    }
  }

  private static void checkOptions(Fit fit) {
    if (fit.optimizer() == null) {
      throw new IllegalArgumentException("fit needs an optimizer: " + fit + ".optimizer(new Adam(0.01f))");
    }
    FitRules.checkSchedule(fit);
    refuse(fit.dropLast(), "dropLast", "every step takes a slice of every partition; no batch is short");
    refuse(fit.validationFraction() > 0, "validationSplit",
        "split the Dataset (randomSplit) and give the held-out rows as Fit.validation(Data)");
    refuse(!fit.metrics().isEmpty(), "metrics", "measure them afterwards with net.evaluate(data)");
    refuse(fit.monitor() != null && fit.monitor().metric() != null, "monitor(" + fit.monitor() + ")",
        "monitor LOSS or VAL_LOSS");
    refuse(fit.saveBest() != null, "saveBest", "use restoreBest(true), then net.save(file)");
    refuse(fit.saveEvery() > 0, "saveEvery", "save from a Listener's epochEnd");
    refuse(fit.backup() != null, "backup", "not supported on Spark yet");
    refuse(fit.schedule() != null && fit.schedule().kind() == Schedule.Kind.PLATEAU, "reduceOnPlateau",
        "use a step, exponential or cosine schedule");
  }

  private static void refuse(boolean given, String option, String instead) {
    if (given) {
      throw new IllegalArgumentException("Fit." + option + " does not apply to training on Spark: " + instead);
    }
  }
}
