package chainrule.spark.examples;

import chainrule.Data;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A chainrule {@code Data} with one float target as a Dataset: "features" array&lt;float&gt;, "label" float. */
final class Datasets {
  private Datasets() {}

  static Dataset<Row> of(SparkSession spark, Data data, int partitions) {
    List<Row> rows = new ArrayList<>(data.rows());
    for (int r = 0; r < data.rows(); r++) {
      Float[] features = new Float[data.inputs()];
      for (int i = 0; i < features.length; i++) {
        features[i] = data.feature(r, i);
      }
      rows.add(RowFactory.create(features, data.target(r, 0)));
    }
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add("label", DataTypes.FloatType, false);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(context.parallelize(rows, partitions), schema);
  }
}
