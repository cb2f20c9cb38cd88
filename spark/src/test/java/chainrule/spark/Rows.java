package chainrule.spark;

import chainrule.Csv;
import chainrule.Data;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Test data: chainrule {@code Data} as Spark Datasets with exactly the partitions a test asks for. */
final class Rows {
  private Rows() {}

  /** The shared embedded Spark of all tests in this module (starting one costs seconds). */
  static SparkSession spark() {
    return LocalSpark.session();
  }

  /** The first 140 of iris's 150 rows (the same rows on Spark and on one JVM). */
  static Data iris140() throws IOException {
    return Csv.labels(Path.of("../data/sklearn/iris.csv"), -1).slice(0, 140);
  }

  enum Features {
    FLOATS,
    DOUBLES,
    VECTOR
  }

  /**
   * {@code data}'s rows, in order, as a Dataset with columns "features" and "label" whose partitions hold
   * {@code sizes[0]}, {@code sizes[1]}, ... rows: each slice parallelized as one partition, then unioned (an RDD
   * union keeps its inputs' partitions, in order).
   */
  static Dataset<Row> dataset(Data data, Features features, int... sizes) {
    DataType featureType = switch (features) {
      case FLOATS -> DataTypes.createArrayType(DataTypes.FloatType, false);
      case DOUBLES -> DataTypes.createArrayType(DataTypes.DoubleType, false);
      case VECTOR -> SQLDataTypes.VectorType();
    };
    DataType labelType = data.hasLabels() ? DataTypes.IntegerType
        : data.outputs() == 1 ? DataTypes.FloatType : DataTypes.createArrayType(DataTypes.FloatType, false);
    StructType schema = new StructType().add("features", featureType, false).add("label", labelType, false);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark().sparkContext());
    JavaRDD<Row> all = null;
    int from = 0;
    for (int size : sizes) {
      List<Row> rows = new ArrayList<>();
      for (int r = from; r < from + size; r++) {
        rows.add(RowFactory.create(features(data, r, features), label(data, r)));
      }
      from += size;
      JavaRDD<Row> part = context.parallelize(rows, 1);
      all = all == null ? part : all.union(part);
    }
    if (from != data.rows()) {
      throw new IllegalArgumentException("sizes add up to " + from + ", data has " + data.rows() + " rows");
    }
    // from an RDD, not a local relation: Spark's optimizer would merge a union of local relations into one
    return spark().createDataFrame(all, schema);
  }

  private static Object features(Data data, int row, Features kind) {
    int n = data.inputs();
    switch (kind) {
      case FLOATS -> {
        Float[] values = new Float[n];
        for (int i = 0; i < n; i++) {
          values[i] = data.feature(row, i);
        }
        return values;
      }
      case DOUBLES -> {
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
          values[i] = (double) data.feature(row, i);
        }
        return values;
      }
      default -> {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          values[i] = data.feature(row, i);
        }
        return Vectors.dense(values);
      }
    }
  }

  private static Object label(Data data, int row) {
    if (data.hasLabels()) {
      return data.label(row);
    }
    if (data.outputs() == 1) {
      return data.target(row, 0);
    }
    Float[] values = new Float[data.outputs()];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.target(row, i);
    }
    return values;
  }

  /** Rows per partition, in partition order. */
  static List<Integer> partitionSizes(Dataset<Row> rows) {
    return rows.javaRDD().glom().map(List::size).collect();
  }
}
