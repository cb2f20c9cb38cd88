package chainrule.internal;

/**
 * The buffers a generated network keeps for a batch are {@code rows × width} floats each. Before it grows
 * them, the network checks here, in {@code long}, that its widest buffer fits in a Java array: a batch that
 * does not fit is an {@link IllegalArgumentException} naming the rows, the width and the largest batch the
 * network takes, never an overflowed {@code int}; once the check has passed, {@code rows * width} of every
 * buffer fits in an {@code int}.
 */
public final class Buffers {
  /**
   * The longest array every JVM allocates: {@code Integer.MAX_VALUE - 8}, as {@code ArrayList} assumes (some
   * JVMs keep header words in the array).
   */
  public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

  private Buffers() {}

  /** The most rows a network whose widest buffer is {@code widest} floats a row takes in one pass. */
  public static int maxRows(int widest) {
    Checks.positive("widest", widest);
    return (int) (MAX_LENGTH / widest);
  }

  /** Checks that {@code rows × widest} floats fit in one array. */
  public static void checkRows(int rows, int widest) {
    if (rows <= 0 || (long) rows * widest > MAX_LENGTH) {
      throw tooLarge(rows, widest);
    }
  }

  private static IllegalArgumentException tooLarge(int rows, int widest) {
    if (rows <= 0) {
      return new IllegalArgumentException("rows must be > 0, was " + rows);
    }
    return new IllegalArgumentException("a batch of rows = " + rows + " does not fit: the network's widest buffer"
        + " is rows × " + widest + " = " + (long) rows * widest + " floats, more than a Java array holds ("
        + MAX_LENGTH + "); the largest batch this network takes in one pass is " + maxRows(widest) + " rows");
  }
}
