package chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.Schedule;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data a network cannot train on fails before any step, naming the column, the expected and the actual value. */
class BadDataTest {
  static Data iris;
  static Dataset<Row> rows;

  @BeforeAll
  static void data() throws IOException {
    iris = Rows.iris140();
    rows = Rows.dataset(iris, Rows.Features.FLOATS, 70, 70);
  }

  static String fails(Dataset<Row> data, Fit fit) {
    IrisNet net = IrisNet.create(1);
    float[] before = net.parameters();
    String message = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.of(() -> IrisNet.create(0)).fit(net, data, fit)).getMessage();
    assertEquals(List.of(), diff(before, net.parameters()), "parameters changed");
    return message;
  }

  static String fails(Dataset<Row> data) {
    return fails(data, Fit.epochs(1).optimizer(new Adam(0.01f)).silent());
  }

  private static List<Integer> diff(float[] a, float[] b) {
    return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] != b[i]).boxed().toList();
  }

  @Test
  void missingColumn() {
    assertEquals("no column 'label' (labels) in the data set; its columns are [features, species]",
        fails(rows.withColumnRenamed("label", "species")));
  }

  @Test
  void wrongFeatureWidth() {
    Dataset<Row> three = rows.selectExpr("slice(features, 1, 3) AS features", "label");
    String message = fails(three);
    assertEquals("features column 'features' has 3 values per row, which IrisNet(linear1 Linear(4 -> 16), relu1"
        + " ReLU, linear2 Linear(16 -> 3); loss CROSS_ENTROPY) does not take: x must have rows × 4 = 4 floats"
        + " for rows = 1, was 3", message);
  }

  @Test
  void rowsOfDifferentWidths() {
    Dataset<Row> ragged = rows.selectExpr(
        "IF(label = 2, slice(features, 1, 3), features) AS features", "label");
    assertEquals("features column 'features' must have 4 values in every row (as its first row), row 30 of"
        + " partition 1 has 3", fails(ragged));
  }

  @Test
  void nonNumericLabels() {
    Dataset<Row> named = rows.selectExpr("features", "CAST(label AS STRING) AS label");
    assertEquals("label column 'label' must hold class indices (int, long, or a whole float or double >= 0),"
        + " was string", fails(named));
  }

  @Test
  void labelOutOfRange() {
    Dataset<Row> four = rows.selectExpr("features", "IF(label = 2, 3.0D, CAST(label AS DOUBLE)) AS label");
    assertEquals("label column 'label' must hold class indices in [0, 3) for this network's 3 classes; row 30"
        + " of partition 1 has 3.0", fails(four));
  }

  @Test
  void wrongFeatureType() {
    assertEquals("features column 'features' must be array<float>, array<double> or an ML Vector, was int",
        fails(rows.withColumnRenamed("features", "x").withColumnRenamed("label", "features")
            .selectExpr("features", "features AS label")));
  }

  @Test
  void emptyDataSet() {
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.FloatType), false)
        .add("label", DataTypes.IntegerType, false);
    Dataset<Row> empty = Rows.spark().createDataFrame(List.<Row>of(), schema);
    assertEquals("the data set has no rows; expected at least 1 row with columns 'features' and 'label'",
        fails(empty));
  }

  @Test
  void nullFeatures() {
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.FloatType), true)
        .add("label", DataTypes.IntegerType, false);
    Dataset<Row> withNull = Rows.spark().createDataFrame(List.of(
        RowFactory.create(new Float[] {1f, 2f, 3f, 4f}, 0), RowFactory.create(null, 1)), schema).coalesce(1);
    assertEquals("column 'features' is null in row 1 of partition 0; drop or fill such rows first"
        + " (dataset.na().drop())", fails(withNull));
  }

  @Test
  void optionsThatDoNotApply() {
    Fit fit = Fit.epochs(1).optimizer(new Adam(0.01f)).silent();
    assertEquals("Fit.dropLast does not apply to training on Spark: every step takes a slice of every partition;"
        + " no batch is short", fails(rows, fit.dropLast(true)));
    assertEquals("Fit.reduceOnPlateau does not apply to training on Spark: use a step, exponential or cosine"
        + " schedule", fails(rows, fit.schedule(Schedule.reduceOnPlateau(0.5, 2))));
    assertEquals("fit needs an optimizer: Fit.epochs(1).silent().optimizer(new Adam(0.01f))",
        fails(rows, Fit.epochs(1).silent()));
  }

  @Test
  void factoryOfAnotherNetwork() {
    IrisNet net = IrisNet.create(1);
    NetFactory<IrisNet> wrong = () -> null;
    String message = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.of(wrong).fit(net, rows, Fit.epochs(1).optimizer(new Adam(0.01f)).silent()))
        .getMessage();
    assertEquals("factory must build networks like net, " + net + " (131 parameters), built null", message);
  }

  @Test
  void layersWhoseStateAStepCannotKeepAreRefusedBeforeAnyStep() {
    IrisBatchNormNet batchNorm = IrisBatchNormNet.create(1);
    float[] before = batchNorm.parameters();
    String message = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.of(() -> IrisBatchNormNet.create(0)).fit(batchNorm, rows, Fit.epochs(1).optimizer(new Adam(0.01f)))).getMessage();
    assertEquals("layer bn1 is a BatchNorm1d, which training on Spark does not support yet: each partition would "
        + "normalise by its own rows and the running statistics would stay on the executors; train this network "
        + "on one JVM (net.fit)", message);
    assertEquals(List.of(), diff(before, batchNorm.parameters()), "parameters changed");

    IrisDropoutNet dropout = IrisDropoutNet.create(1);
    message = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.of(() -> IrisDropoutNet.create(0)).fit(dropout, rows, Fit.epochs(1).optimizer(new Adam(0.01f)))).getMessage();
    assertEquals("layer dropout1 is a Dropout, which training on Spark does not support yet: every partition's "
        + "network would draw the same masks; train this network on one JVM (net.fit), or without the Dropout "
        + "layers", message);
  }

  @Test
  void aScheduleWithoutALearningRateIsRefusedBeforeAnyStep() {
    chainrule.Optimizer plain = (params, grads) -> {};
    String message = fails(rows, Fit.epochs(2).optimizer(plain).schedule(Schedule.exponential(0.5)).silent());
    assertEquals(true, message.startsWith("a schedule needs an optimizer with a learning rate; "), message);
  }

  /** Found by a probe: a NaN was found inside the step that took its row, after the steps before it. */
  @Test
  void aNonFiniteFeatureIsFoundWhenTheRowsArePacked() {
    Dataset<Row> nan = rows.selectExpr(
        "IF(label = 2, transform(features, (v, i) -> IF(i = 1, CAST('NaN' AS FLOAT), v)), features) AS features",
        "label");
    Adam adam = new Adam(0.01f);
    assertEquals("column 'features' has NaN at [1] in row 30 of partition 1; every feature and target must be a "
        + "finite float", fails(nan, Fit.epochs(1).batchSize(20).optimizer(adam).silent()));
    assertEquals(0, adam.steps(), "no step taken");
  }

  /** Found by a probe: bad validation rows failed at the end of epoch 1, after its steps. */
  @Test
  void badValidationRowsAreRefusedBeforeAnyStep() {
    Adam adam = new Adam(0.01f);
    assertEquals("validation: data has 3 features per row; the network takes 4", fails(rows, Fit.epochs(1)
        .optimizer(adam).validation(Data.labels(new float[9], new int[] {0, 1, 2}, 3)).silent()));
    assertEquals(0, adam.steps());
  }

  @Test
  void aColumnNameWithADotIsAName() {
    IrisNet dotted = IrisNet.create(1);
    SparkTrainer.of(() -> IrisNet.create(0)).columns("my.features", "label")
        .fit(dotted, rows.selectExpr("features AS `my.features`", "label"), Fit.epochs(1).optimizer(new Adam(0.01f))
            .silent());
    IrisNet plain = IrisNet.create(1);
    SparkTrainer.of(() -> IrisNet.create(0)).fit(plain, rows, Fit.epochs(1).optimizer(new Adam(0.01f)).silent());
    assertArrayEquals(plain.parameters(), dotted.parameters(), "trained on the same column under another name");
  }

  /** Found by a probe: Spark said only "Task not serializable". */
  @Test
  void aFactoryThatCannotTravelIsNamed() {
    IrisNet net = IrisNet.create(1);
    float[] before = net.parameters();
    String message = assertThrows(IllegalArgumentException.class,
        () -> SparkTrainer.of(() -> net).fit(net, rows, Fit.epochs(1).optimizer(new Adam(0.01f)).silent()))
        .getMessage();
    assertTrue(message.startsWith("factory must be serialisable to reach the executors, but "
        + "java.io.NotSerializableException: chainrule.spark.IrisNet; build the network inside it"), message);
    assertEquals(List.of(), diff(before, net.parameters()));
  }

  @Test
  void aStreamingDatasetIsRefused() {
    Dataset<Row> stream = Rows.spark().readStream().format("rate").load();
    assertTrue(fails(stream).startsWith("rows is a streaming Dataset; "));
  }
}
