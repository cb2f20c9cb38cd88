package chainrule;

import chainrule.internal.Checks;

/**
 * Feature standardisation, {@code (x - mean) / std} per column, fitted on training rows and then applied
 * unchanged to validation, test and new rows (fitting it on all rows would leak the held-out rows into
 * training). Like scikit-learn's {@code StandardScaler}: the mean and the population standard deviation
 * ({@code ddof = 0}) in double; a column that never varies gets std 1, so it becomes 0.
 *
 * <pre>
 * Data.Split split = data.split(0.2, 42);
 * Standardizer standardizer = Standardizer.fit(split.train());
 * Data train = standardizer.apply(split.train());
 * Data validation = standardizer.apply(split.validation());
 * </pre>
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] std;

  private Standardizer(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /** The mean and standard deviation of every feature over {@code data}'s rows (two passes, in double). */
  public static Standardizer fit(Data data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    int columns = data.inputs();
    double[] mean = new double[columns];
    double[] std = new double[columns];
    float[] x = data.features();
    int rows = data.rows();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        float value = x[r * columns + c];
        if (!Float.isFinite(value)) { // one NaN would make its whole column NaN
          throw new IllegalArgumentException("data row " + r + ", feature " + c + " is " + value
              + "; a standardizer is fitted on finite features");
        }
        mean[c] += value;
      }
    }
    for (int c = 0; c < columns; c++) {
      mean[c] /= rows;
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double d = x[r * columns + c] - mean[c];
        std[c] += d * d;
      }
    }
    for (int c = 0; c < columns; c++) {
      std[c] = Math.sqrt(std[c] / rows);
      if (!(std[c] > 0)) {
        std[c] = 1;
      }
    }
    return new Standardizer(mean, std);
  }

  /** {@code data} with standardised features: a new data set (the features copied once), the same targets. */
  public Data apply(Data data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (data.inputs() != mean.length) {
      throw new IllegalArgumentException(
          "data has " + data.inputs() + " features per row; this standardizer was fitted on " + mean.length);
    }
    return data.withFeatures(apply(data.features(), data.rows()), data.inputs());
  }

  /** Standardised copy of {@code x} ({@code rows × inputs}, row-major): each value {@code (float) ((x - mean) / std)}. */
  public float[] apply(float[] x, int rows) {
    int columns = mean.length;
    if (x == null || rows <= 0 || (long) x.length != (long) rows * columns) {
      throw new IllegalArgumentException("x must have rows × " + columns + " = " + (long) rows * columns
          + " floats for rows = " + rows + ", was " + (x == null ? "null" : x.length + " floats"));
    }
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % columns;
      out[i] = (float) ((x[i] - mean[c]) / std[c]);
    }
    return out;
  }

  /** Features this standardizer was fitted on. */
  public int inputs() {
    return mean.length;
  }

  /** The mean of feature {@code column} over the rows it was fitted on. */
  public double mean(int column) {
    Checks.index("column", column, mean.length);
    return mean[column];
  }

  /** The population standard deviation of feature {@code column} (1 if it never varies). */
  public double std(int column) {
    Checks.index("column", column, std.length);
    return std[column];
  }

  @Override
  public String toString() {
    return "Standardizer(" + mean.length + " features)";
  }
}
