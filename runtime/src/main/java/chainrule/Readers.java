package chainrule;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** What the file readers, {@link Csv} and {@link Idx}, share: what a class label is, and naming the file. */
final class Readers {
  /** The largest class label the readers take: every integer up to it is exact as a float (2^24). */
  static final int MAX_LABEL = 1 << 24;

  private Readers() {}

  /** Whether {@code value} is a class label: a whole number in {@code [0, MAX_LABEL]}. */
  static boolean isLabel(double value) {
    return value >= 0 && value <= MAX_LABEL && value == Math.rint(value);
  }

  /** What a label must be, for messages. */
  static String labelRange() {
    return "an integer in [0, " + MAX_LABEL + "]";
  }

  /**
   * Whether {@code s} is a decimal number as CSV files write them: a sign, digits with at most one point and at
   * least one digit, then an exponent ({@code -1.5}, {@code .5}, {@code 5.}, {@code 2E-3}). A scan, not a
   * regular expression: it runs for every field of a file.
   */
  static boolean isDecimal(String s) {
    int n = s.length();
    int start = sign(s, 0);
    int i = digits(s, start);
    int count = i - start;
    if (i < n && s.charAt(i) == '.') {
      int after = digits(s, i + 1);
      count += after - (i + 1);
      i = after;
    }
    if (count == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int exponent = sign(s, i + 1);
      i = digits(s, exponent);
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  /** The index after an optional sign at {@code i}. */
  private static int sign(String s, int i) {
    return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
  }

  /** The index after the digits from {@code i}. */
  private static int digits(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code e} with the file's name in front, for the errors of reading (gzip's, the system's) that lack it. */
  static IOException naming(Path file, IOException e) {
    if (e instanceof FileSystemException) {
      return e; // NoSuchFileException, AccessDeniedException, ...: they name it
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IOException(file + ": " + why, e);
  }
}
