package chainrule.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads a data set's two columns, the features and the targets or labels, into {@link Block}s. The column
 * types are checked once, on the driver, against the schema ({@link #of}); each partition is then packed once
 * ({@link #pack}), checking each row's width and values. Failures are IllegalArgumentExceptions naming the
 * column, the expected and the actual type, width or value.
 *
 * <p>Features: {@code array<float>}, {@code array<double>} or an ML {@code Vector} (dense or sparse, as
 * {@code VectorAssembler} writes). Targets (BCE, MSE): a number for one output, or an array of numbers, one per
 * output. Labels (cross-entropy): a whole number {@code >= 0}, as an integer type or as a double
 * ({@code StringIndexer} writes doubles).
 */
final class ColumnReader implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind {
    NUMBER,
    ARRAY,
    VECTOR
  }

  final String features;
  final String target;
  final boolean labels;
  private final Kind featureKind;
  private final Kind targetKind;
  private int inputs; // features per row, from the first row (set on the driver before packing)
  private int outputs; // targets per row, or the number of classes for labels

  private ColumnReader(String features, String target, boolean labels, Kind featureKind, Kind targetKind) {
    this.features = features;
    this.target = target;
    this.labels = labels;
    this.featureKind = featureKind;
    this.targetKind = targetKind;
  }

  /** Checks that both columns exist and have types this reader can read. */
  static ColumnReader of(StructType schema, String features, String target, boolean labels) {
    DataType featureType = field(schema, features, "features").dataType();
    Kind featureKind;
    if (isVector(featureType)) {
      featureKind = Kind.VECTOR;
    } else if (isNumberArray(featureType)) {
      featureKind = Kind.ARRAY;
    } else {
      String old = featureType instanceof UserDefinedType<?> udt
          && udt.userClass().getName().equals("org.apache.spark.mllib.linalg.Vector")
          ? " (the old org.apache.spark.mllib Vector: convert it with MLUtils.convertVectorColumnsToML)" : "";
      throw new IllegalArgumentException("features column '" + features
          + "' must be array<float>, array<double> or an ML Vector, was " + featureType.simpleString() + old);
    }
    DataType targetType = field(schema, target, labels ? "labels" : "targets").dataType();
    Kind targetKind;
    if (labels) {
      if (!(targetType instanceof NumericType)) {
        throw new IllegalArgumentException("label column '" + target + "' must hold class indices (int, long, or a"
            + " whole float or double >= 0), was " + targetType.simpleString());
      }
      targetKind = Kind.NUMBER;
    } else if (targetType instanceof NumericType) {
      targetKind = Kind.NUMBER;
    } else if (isNumberArray(targetType)) {
      targetKind = Kind.ARRAY;
    } else {
      throw new IllegalArgumentException("target column '" + target
          + "' must be a number (one output) or an array of numbers (one per output), was "
          + targetType.simpleString());
    }
    return new ColumnReader(features, target, labels, featureKind, targetKind);
  }

  private static StructField field(StructType schema, String name, String role) {
    if (name == null) {
      throw new IllegalArgumentException("the " + role + " column's name must not be null");
    }
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "' (" + role + ") in the data set; its columns are "
        + Arrays.toString(schema.fieldNames()));
  }

  private static boolean isNumberArray(DataType type) {
    return type instanceof ArrayType array && array.elementType() instanceof NumericType;
  }

  private static boolean isVector(DataType type) {
    return type instanceof UserDefinedType<?> udt && Vector.class.isAssignableFrom(udt.userClass());
  }

  /** The widths every row must have: {@code inputs} features, and {@code outputs} targets or classes. */
  void widths(int inputs, int outputs) {
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** The number of features of {@code row} (a row of features then target). */
  int featureWidth(Row row) {
    return featureValues(row, 0, -1).length;
  }

  /**
   * Packs one partition's rows ({@code features, target} in that order) into a block; checks every row's width
   * and, for labels, that each is a class index below {@code outputs}.
   */
  Block pack(int partition, Iterator<Row> rows) {
    float[] x = new float[64 * inputs];
    float[] y = labels ? null : new float[64 * outputs];
    int[] classes = labels ? new int[64] : null;
    int n = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (n * inputs == x.length) {
        x = Arrays.copyOf(x, 2 * x.length);
        if (labels) {
          classes = Arrays.copyOf(classes, 2 * classes.length);
        } else {
          y = Arrays.copyOf(y, 2 * y.length);
        }
      }
      double[] values = featureValues(row, partition, n);
      if (values.length != inputs) {
        throw new IllegalArgumentException("features column '" + features + "' must have " + inputs
            + " values in every row (as its first row), row " + n + " of partition " + partition + " has "
            + values.length);
      }
      for (int i = 0; i < inputs; i++) {
        x[n * inputs + i] = finite(values[i], features, i, partition, n);
      }
      if (labels) {
        classes[n] = label(row, partition, n);
      } else {
        targets(row, y, n, partition);
      }
      n++;
    }
    return new Block(partition, n, Arrays.copyOf(x, n * inputs), labels ? null : Arrays.copyOf(y, n * outputs),
        labels ? Arrays.copyOf(classes, n) : null);
  }

  private double[] featureValues(Row row, int partition, int index) {
    if (row.isNullAt(0)) {
      throw nullValue(features, partition, index);
    }
    if (featureKind == Kind.VECTOR) {
      return ((Vector) row.get(0)).toArray();
    }
    return numbers(row.getList(0), features, partition, index);
  }

  private int label(Row row, int partition, int index) {
    if (row.isNullAt(1)) {
      throw nullValue(target, partition, index);
    }
    double value = ((Number) row.get(1)).doubleValue();
    if (!(value >= 0 && value < outputs && value == Math.rint(value))) {
      throw new IllegalArgumentException("label column '" + target + "' must hold class indices in [0, " + outputs
          + ") for this network's " + outputs + " classes; row " + index + " of partition " + partition + " has "
          + row.get(1));
    }
    return (int) value;
  }

  private void targets(Row row, float[] y, int index, int partition) {
    if (row.isNullAt(1)) {
      throw nullValue(target, partition, index);
    }
    if (targetKind == Kind.NUMBER) {
      y[index * outputs] = finite(((Number) row.get(1)).doubleValue(), target, 0, partition, index);
      return;
    }
    double[] values = numbers(row.getList(1), target, partition, index);
    if (values.length != outputs) {
      throw new IllegalArgumentException("target column '" + target + "' must have " + outputs
          + " values per row (the network's outputs), row " + index + " of partition " + partition + " has "
          + values.length);
    }
    for (int i = 0; i < outputs; i++) {
      y[index * outputs + i] = finite(values[i], target, i, partition, index);
    }
  }

  /**
   * {@code value} as a float, which must be finite: a NaN, an infinity or a double past a float's range would
   * otherwise be found inside a training step, after the steps before it had changed the optimizer.
   */
  private static float finite(double value, String column, int at, int partition, int index) {
    float f = (float) value;
    if (!Float.isFinite(f)) {
      throw new IllegalArgumentException("column '" + column + "' has " + value + (Double.isFinite(value)
          ? " (past a float's range)" : "") + " at [" + at + "] in row " + index + " of partition " + partition
          + "; every feature and target must be a finite float");
    }
    return f;
  }

  private static double[] numbers(List<Object> list, String column, int partition, int index) {
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = list.get(i);
      if (value == null) {
        throw new IllegalArgumentException("column '" + column + "' has a null element at [" + i + "] in row "
            + index + " of partition " + partition);
      }
      values[i] = ((Number) value).doubleValue();
    }
    return values;
  }

  private static IllegalArgumentException nullValue(String column, int partition, int index) {
    return new IllegalArgumentException("column '" + column + "' is null in "
        + (index < 0 ? "the first row" : "row " + index + " of partition " + partition)
        + "; drop or fill such rows first (dataset.na().drop())");
  }

  /** True when the targets column holds one number per row. */
  boolean scalarTarget() {
    return targetKind == Kind.NUMBER;
  }
}
