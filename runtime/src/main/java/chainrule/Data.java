package chainrule;

import chainrule.internal.Checks;
import java.util.Arrays;

/**
 * A data set: {@code rows} rows of {@code inputs} features, each with float targets (for BCE and MSE
 * networks) or one class label (for cross-entropy networks), row-major like the batches a network takes.
 *
 * <pre>
 * Data train = Data.of(x, y, 569);              // x: 569 × 30 features, y: 569 × 1 targets
 * Data digits = Data.labels(pixels, labels, 1797); // labels: class indices, one per row
 * Data.Split split = train.split(0.2, 42);      // a held-out fifth, stratified, after a seeded shuffle
 * </pre>
 *
 * <p>A {@code Data} reads the arrays it was made from; it does not copy them, so do not change them while
 * a network trains on them. {@link #slice}, {@link #select} and {@link #split} give views that share those
 * arrays, and training gathers each batch's rows into buffers it allocated once ({@link #gather}): no
 * rows are copied per step.
 */
public final class Data {
  private final float[] x; // the source rows' features, sourceRows × inputs
  private final float[] y; // their targets, sourceRows × outputs; null when labelled
  private final int[] labels; // their class labels, sourceRows; null when targets
  private final int[] index; // row r of this view is source row index[r]; null: row r is source row r
  private final int rows;
  private final int inputs;
  private final int outputs;

  private Data(float[] x, float[] y, int[] labels, int[] index, int rows, int inputs, int outputs) {
    this.x = x;
    this.y = y;
    this.labels = labels;
    this.index = index;
    this.rows = rows;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * Rows of features {@code x} ({@code rows × inputs}, row-major) with float targets {@code y}
   * ({@code rows × outputs}); the widths follow from the lengths.
   */
  public static Data of(float[] x, float[] y, int rows) {
    int inputs = width("x", x, rows);
    int outputs = width("y", y, rows);
    return new Data(x, y, null, null, rows, inputs, outputs);
  }

  /**
   * Rows of features {@code x} ({@code rows × inputs}) with one class label each, {@code 0 <= labels[row] <
   * Integer.MAX_VALUE} (so that {@link #classes} is an int).
   */
  public static Data labels(float[] x, int[] labels, int rows) {
    int inputs = width("x", x, rows);
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null; expected " + rows + " ints");
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException("labels must have one int per row, " + rows + ", was " + labels.length);
    }
    for (int r = 0; r < rows; r++) {
      if (labels[r] < 0 || labels[r] == Integer.MAX_VALUE) { // classes() = the largest + 1 is an int
        throw new IllegalArgumentException("labels[" + r + "] must be a class index in [0, " + Integer.MAX_VALUE
            + "), was " + labels[r]);
      }
    }
    return new Data(x, null, labels, null, rows, inputs, 1);
  }

  private static int width(String name, float[] values, int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("rows must be > 0, was " + rows);
    }
    if (values == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (values.length == 0 || values.length % rows != 0) {
      throw new IllegalArgumentException(name + " must hold rows × columns floats for rows = " + rows
          + ", was " + values.length + " floats (not a positive multiple of " + rows + ")");
    }
    return values.length / rows;
  }

  /** Rows in this data set (or view). */
  public int rows() {
    return rows;
  }

  /** Features per row. */
  public int inputs() {
    return inputs;
  }

  /** Float targets per row; 1 for labelled data (one label per row). */
  public int outputs() {
    return outputs;
  }

  /** True for class labels ({@link #labels(float[], int[], int)}), false for float targets. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** For labelled data: the largest label of these rows, plus one. */
  public int classes() {
    requireLabels("classes()");
    int max = 0;
    for (int r = 0; r < rows; r++) {
      max = Math.max(max, labels[source(r)]);
    }
    return max + 1;
  }

  /** Row {@code row}'s feature {@code column}. */
  public float feature(int row, int column) {
    Checks.index("row", row, rows);
    Checks.index("column", column, inputs);
    return x[source(row) * inputs + column];
  }

  /** Row {@code row}'s target {@code column} (float-target data). */
  public float target(int row, int column) {
    if (labels != null) {
      throw new IllegalStateException("this data set has class labels, not float targets; use label(row)");
    }
    Checks.index("row", row, rows);
    Checks.index("column", column, outputs);
    return y[source(row) * outputs + column];
  }

  /** Row {@code row}'s class label (labelled data). */
  public int label(int row) {
    requireLabels("label(row)");
    Checks.index("row", row, rows);
    return labels[source(row)];
  }

  /** A copy of all features, {@code rows × inputs}, row-major, in this view's order. */
  public float[] features() {
    float[] out = new float[rows * inputs];
    gatherFeatures(null, 0, rows, out);
    return out;
  }

  /** A copy of all targets, {@code rows × outputs} (float-target data). */
  public float[] targets() {
    if (labels != null) {
      throw new IllegalStateException("this data set has class labels, not float targets; use classLabels()");
    }
    float[] out = new float[rows * outputs];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(y, source(r) * outputs, out, r * outputs, outputs);
    }
    return out;
  }

  /** A copy of all class labels, one per row (labelled data). */
  public int[] classLabels() {
    requireLabels("classLabels()");
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = labels[source(r)];
    }
    return out;
  }

  /** The view of rows {@code [from, to)}. */
  public Data slice(int from, int to) {
    if (from < 0 || to > rows || from >= to) {
      throw new IllegalArgumentException(
          "slice must be a non-empty range in [0, " + rows + "], was [" + from + ", " + to + ")");
    }
    int[] picked = new int[to - from];
    for (int r = from; r < to; r++) {
      picked[r - from] = source(r);
    }
    return view(picked);
  }

  /** The view of the given rows, in the given order (a row may appear more than once). */
  public Data select(int... rowsToKeep) {
    if (rowsToKeep == null || rowsToKeep.length == 0) {
      throw new IllegalArgumentException("select needs at least one row");
    }
    int[] picked = new int[rowsToKeep.length];
    for (int i = 0; i < picked.length; i++) {
      Checks.index("rows[" + i + "]", rowsToKeep[i], rows);
      picked[i] = source(rowsToKeep[i]);
    }
    return view(picked);
  }

  /** A training set and the rows held out of it. */
  public record Split(Data train, Data validation) {}

  /**
   * Holds out {@code fraction} of the rows for validation, chosen after a shuffle seeded with {@code seed}
   * ({@code randperm} of {@link TorchGenerator}), never the last rows of the file. Stratified when the rows
   * have classes (labels, or one target that is always 0 or 1): each class gives
   * {@code round(fraction · its rows)} rows, so both parts keep the class proportions. Both views keep
   * the rows in their original order.
   */
  public Split split(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
    }
    int[] classOf = strata();
    int strata = 0;
    for (int c : classOf) {
      strata = Math.max(strata, c + 1);
    }
    int[] perClass = new int[strata];
    for (int c : classOf) {
      perClass[c]++;
    }
    int[] quota = new int[strata];
    int held = 0;
    for (int c = 0; c < strata; c++) {
      quota[c] = (int) Math.round(fraction * perClass[c]);
      held += quota[c];
    }
    if (held == 0 || held == rows) {
      throw new IllegalArgumentException("fraction " + fraction + " of " + rows + " rows leaves "
          + (held == 0 ? "no row for validation" : "no row for training"));
    }
    int[] order = new int[rows];
    new TorchGenerator(seed).randperm(order, rows);
    boolean[] heldOut = new boolean[rows];
    for (int r : order) {
      if (quota[classOf[r]] > 0) {
        quota[classOf[r]]--;
        heldOut[r] = true;
      }
    }
    int[] train = new int[rows - held];
    int[] validation = new int[held];
    int t = 0;
    int v = 0;
    for (int r = 0; r < rows; r++) {
      if (heldOut[r]) {
        validation[v++] = source(r);
      } else {
        train[t++] = source(r);
      }
    }
    return new Split(view(train), view(validation));
  }

  /**
   * Each row's stratum: its label's rank among the labels present (so that labels as large as 2^30 cost no
   * more than 0, 1, 2), its 0/1 target, or 0 for all when the rows have no classes.
   */
  private int[] strata() {
    int[] classOf = new int[rows];
    if (labels != null) {
      for (int r = 0; r < rows; r++) {
        classOf[r] = labels[source(r)];
      }
      int[] present = Arrays.stream(classOf).distinct().sorted().toArray();
      for (int r = 0; r < rows; r++) {
        classOf[r] = Arrays.binarySearch(present, classOf[r]);
      }
      return classOf;
    }
    if (outputs == 1) {
      for (int r = 0; r < rows; r++) {
        float value = y[source(r)];
        if (value != 0f && value != 1f) {
          return new int[rows];
        }
        classOf[r] = (int) value;
      }
    }
    return classOf;
  }

  /**
   * Copies the features and targets of {@code count} rows into the first rows of {@code xOut}
   * ({@code ≥ count × inputs}) and {@code yOut} ({@code ≥ count × outputs}): the rows
   * {@code order[from .. from + count)}, or rows {@code from .. from + count} when {@code order} is null.
   * This is a {@code DataLoader}'s collate step; it allocates nothing. A range outside the rows (or outside
   * {@code order}), a row index outside the data set or an output too short is an
   * {@link IllegalArgumentException}, before anything is copied.
   */
  public void gather(int[] order, int from, int count, float[] xOut, float[] yOut) {
    if (labels != null) {
      throw new IllegalStateException("this data set has class labels: gather them into an int[]");
    }
    checkGather(order, from, count, xOut, yOut == null ? -1 : yOut.length, "yOut", outputs);
    gatherFeatures(order, from, count, xOut);
    for (int r = 0; r < count; r++) {
      int row = order == null ? from + r : order[from + r];
      System.arraycopy(y, source(row) * outputs, yOut, r * outputs, outputs);
    }
  }

  /** Like {@link #gather(int[], int, int, float[], float[])}, for labelled data: one label per row. */
  public void gather(int[] order, int from, int count, float[] xOut, int[] labelsOut) {
    requireLabels("gather(..., int[] labels)");
    checkGather(order, from, count, xOut, labelsOut == null ? -1 : labelsOut.length, "labelsOut", 1);
    gatherFeatures(order, from, count, xOut);
    for (int r = 0; r < count; r++) {
      int row = order == null ? from + r : order[from + r];
      labelsOut[r] = labels[source(row)];
    }
  }

  /**
   * {@code order[from .. from + count)} (or rows {@code from .. from + count}) are rows of this data set, and the
   * outputs hold {@code count} rows; {@code outLength} is -1 for a null output. O(count), as the copy is.
   */
  private void checkGather(int[] order, int from, int count, float[] xOut, int outLength, String outName,
      int perRow) {
    int size = order == null ? rows : order.length;
    if (count < 0 || from < 0 || from > size - count) {
      throw new IllegalArgumentException("from, count must pick rows in [0, " + size + ") of "
          + (order == null ? "this data set" : "order") + ", were " + from + ", " + count);
    }
    if (xOut == null || xOut.length < (long) count * inputs) {
      throw new IllegalArgumentException("xOut must hold count × inputs = " + (long) count * inputs + " floats, was "
          + (xOut == null ? "null" : xOut.length));
    }
    if (outLength < (long) count * perRow) {
      throw new IllegalArgumentException(outName + " must hold " + (long) count * perRow + " values for " + count
          + " rows, was " + (outLength < 0 ? "null" : outLength));
    }
    if (order != null) {
      for (int i = from; i < from + count; i++) {
        if (order[i] < 0 || order[i] >= rows) { // the message built only here: a batch allocates nothing
          Checks.index("order[" + i + "]", order[i], rows);
        }
      }
    }
  }

  private void gatherFeatures(int[] order, int from, int count, float[] xOut) {
    for (int r = 0; r < count; r++) {
      int row = order == null ? from + r : order[from + r];
      System.arraycopy(x, source(row) * inputs, xOut, r * inputs, inputs);
    }
  }

  /** The same rows with other features ({@code rows × inputs}, this view's order): what a Standardizer gives. */
  Data withFeatures(float[] features, int newInputs) {
    if (labels != null) {
      return new Data(features, null, classLabels(), null, rows, newInputs, 1);
    }
    return new Data(features, targets(), null, null, rows, newInputs, outputs);
  }

  private Data view(int[] sourceRows) {
    return new Data(x, y, labels, sourceRows, sourceRows.length, inputs, outputs);
  }

  private int source(int row) {
    return index == null ? row : index[row];
  }

  private void requireLabels(String what) {
    if (labels == null) {
      throw new IllegalStateException(what + " needs class labels; this data set has float targets");
    }
  }



  @Override
  public String toString() {
    return "Data(" + rows + " rows × " + inputs + " features, "
        + (labels != null ? "class labels" : outputs + (outputs == 1 ? " target" : " targets"))
        + (index == null ? "" : ", a view") + ")";
  }
}
