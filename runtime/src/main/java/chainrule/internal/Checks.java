package chainrule.internal;

import chainrule.internal.fast.Fast;

/**
 * Argument checks shared by the runtime and the generated networks. Each failure is an
 * {@link IllegalArgumentException} naming the argument, what was expected and what was given.
 */
public final class Checks {
  private Checks() {}

  /** {@code value > 0}. */
  public static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  /** {@code value} is not null. */
  public static void notNull(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** An optimizer's {@code grads} have the layout of its {@code params}. */
  public static void sameLength(float[] params, float[] grads) {
    notNull("params", params);
    notNull("grads", grads);
    if (params.length != grads.length) {
      throw new IllegalArgumentException(
          "grads must have the length of params, " + params.length + ", was " + grads.length);
    }
  }

  /** An optimizer's update of {@code params[from .. to)}: a range of the arrays, which have the same length. */
  public static void updateRange(float[] params, float[] grads, int from, int to) {
    sameLength(params, grads);
    if (from < 0 || from > to || to > params.length) {
      throw new IllegalArgumentException("from .. to must be a range in [0, " + params.length + "], was " + from
          + " .. " + to);
    }
  }

  /** {@code 0 <= value < size}. */
  public static void index(String name, int value, int size) {
    if (value < 0 || value >= size) {
      throw new IllegalArgumentException(name + " must be in [0, " + size + "), was " + value);
    }
  }

  /** {@code array} is not null and holds exactly {@code expected} values. */
  public static void length(String name, float[] array, int expected) {
    if (array == null) {
      throw new IllegalArgumentException(name + " must not be null; expected " + expected + " floats");
    }
    if (array.length != expected) {
      throw new IllegalArgumentException(
          name + " must have " + expected + " floats, was " + array.length);
    }
  }

  /**
   * A batch of {@code rows × columns} values, row-major, all finite. {@code rows} is checked first, so a
   * wrong row count is reported as such and not as a wrong length.
   */
  public static void batch(String name, float[] array, int rows, int columns) {
    shape(name, array, rows, columns);
    int i = Fast.firstNonFinite(array, array.length);
    if (i >= 0) {
      throw badValue(name, array, i, columns);
    }
  }

  /** Like {@link #batch}, and every value a probability in [0, 1], as {@code BCELoss} requires of its targets. */
  public static void probabilities(String name, float[] array, int rows, int columns) {
    shape(name, array, rows, columns);
    for (int i = 0; i < array.length; i++) {
      float value = array[i];
      if (!(value >= 0f && value <= 1f)) { // also catches NaN
        throw badValue(name, array, i, columns);
      }
    }
  }

  /**
   * {@code rows} class labels, each in {@code [0, classes)}: a cross-entropy network's targets. Out of range
   * fails with PyTorch's words ("Target 7 is out of bounds.") and the row ({@link Kernels#checkLabels}).
   */
  public static void labels(String name, int[] labels, int rows, int classes) {
    positive("rows", rows);
    if (labels == null || labels.length != rows) {
      throw new IllegalArgumentException(name + " must have rows = " + rows + " ints, was "
          + (labels == null ? "null" : labels.length + " ints"));
    }
    Kernels.checkLabels(labels, rows, classes);
  }

  // The checks above run every training step: their messages are built out of line, so the checks stay
  // small enough for the JIT to inline into the generated step.

  private static void shape(String name, float[] array, int rows, int columns) {
    if (rows <= 0 || array == null || (long) array.length != (long) rows * columns) {
      throw badShape(name, array, rows, columns);
    }
  }

  private static IllegalArgumentException badShape(String name, float[] array, int rows, int columns) {
    if (rows <= 0) {
      return new IllegalArgumentException("rows must be > 0, was " + rows);
    }
    if (array == null) {
      return new IllegalArgumentException(name + " must not be null; expected rows × " + columns + " = "
          + (long) rows * columns + " floats");
    }
    return new IllegalArgumentException(name + " must have rows × " + columns + " = " + (long) rows * columns
        + " floats for rows = " + rows + ", was " + array.length);
  }

  private static IllegalArgumentException badValue(String name, float[] array, int i, int columns) {
    String where = name + "[" + i + "] (row " + i / columns + ", column " + i % columns + ")";
    if (!Float.isFinite(array[i])) {
      return new IllegalArgumentException(where + " must be finite, was " + array[i]);
    }
    return new IllegalArgumentException(where + " must be in [0, 1] for BCE, was " + array[i]);
  }
}
