package chainrule;

import chainrule.internal.Buffers;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a numeric CSV file into {@link Data}: one row per line, one column the target or the class label,
 * every other column a feature, in file order.
 *
 * <ul>
 *   <li>Fields are separated by commas (or semicolons or tabs, if the first line has no comma).
 *   <li>The first line is a header when one of its fields is a name, with a letter in it (so
 *       {@code sepal_length,...} and scikit-learn's {@code 150,4,setosa,versicolor,virginica} are skipped),
 *       or when its first field is empty (pandas' {@code ,0,1,2} over an index column, which is then dropped:
 *       column numbers count from the next); any other first line
 *       with an empty or malformed field, or a missing value ({@code NaN}, {@code NA}, {@code null},
 *       {@code inf}), is a data line, and an error. A column can be named only if the header has a name for
 *       every column.
 *   <li>Numbers are decimal ({@code -1.5}, {@code 2e-3}) and finite: {@code NaN} and infinities are refused
 *       with their line and column, so are Java's {@code 1f} and {@code 0x1p3}.
 *   <li>A column index counts from 0; a negative one from the end ({@code -1} is the last column).
 *   <li>Blank lines are skipped. Gzip files ({@code .csv.gz}, found by their magic bytes) are decompressed.
 * </ul>
 *
 * <p>Plain Java ({@code java.util.zip}, no library): the runtime has no dependencies, and reading a file
 * is the first line of every training program, so the readers sit beside {@code Data} rather than in a
 * module of their own.
 */
public final class Csv {
  /** Fields that stand for a missing value (any case, any sign): not names, so not a header. */
  private static final Pattern MISSING = Pattern.compile("(?i)[+-]?(nan|na|n/a|null|none|inf|infinity)");

  private Csv() {}

  /** Rows whose column {@code labelColumn} is a class index (an integer {@code >= 0}). */
  public static Data labels(Path file, int labelColumn) throws IOException {
    return read(file, labelColumn, null, true);
  }

  /** Rows whose column named {@code labelColumn} in the header is a class index. */
  public static Data labels(Path file, String labelColumn) throws IOException {
    return read(file, 0, checkName(labelColumn), true);
  }

  /** Rows whose column {@code targetColumn} is a float target (a BCE probability or an MSE value). */
  public static Data targets(Path file, int targetColumn) throws IOException {
    return read(file, targetColumn, null, false);
  }

  /** Rows whose column named {@code targetColumn} in the header is a float target. */
  public static Data targets(Path file, String targetColumn) throws IOException {
    return read(file, 0, checkName(targetColumn), false);
  }

  private static Data read(Path file, int index, String name, boolean labelled) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    String separator = null;
    String[] header = null;
    boolean indexColumn = false; // the first column is pandas' index (its header field is empty)
    int columns = -1;
    int target = -1;
    int rows = 0;
    float[] x = new float[1024];
    float[] y = new float[256];
    int[] labels = new int[256];
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // the byte order mark Excel's "CSV UTF-8" starts with
        }
        if (line.isBlank()) {
          continue;
        }
        if (separator == null) {
          separator = line.contains(",") ? "," : line.contains(";") ? ";" : line.contains("\t") ? "\t" : ",";
        }
        String[] fields = line.split(separator, -1);
        if (indexColumn) {
          fields = Arrays.copyOfRange(fields, 1, fields.length);
        }
        if (columns < 0) {
          if (header == null && (hasName(fields) || fields[0].isBlank())) {
            // pandas writes ",a,b,y" (or ",0,1,2") over its index, a row number: not data, so dropped
            indexColumn = fields[0].isBlank() && fields.length > 1;
            header = indexColumn ? Arrays.copyOfRange(fields, 1, fields.length) : fields;
            continue;
          }
          columns = fields.length;
          if (columns < 2) {
            throw new IllegalArgumentException(file + " line " + number
                + " has 1 field; each row needs at least one feature and a target or label");
          }
          target = name == null ? column(file, index, columns) : column(file, name, header, columns);
        } else if (fields.length != columns) {
          throw new IllegalArgumentException(file + " line " + number + " has " + fields.length
              + " fields; the first data line has " + columns);
        }
        int features = columns - 1;
        if ((long) (rows + 1) * features > Buffers.MAX_LENGTH) {
          throw new IllegalArgumentException(file + " has more rows than one float[] can hold");
        }
        if ((rows + 1) * features > x.length) {
          x = Arrays.copyOf(x, (int) Math.min(Buffers.MAX_LENGTH, Math.max(2L * x.length, (rows + 1L) * features)));
        }
        if (rows == y.length) {
          y = Arrays.copyOf(y, 2 * rows);
          labels = Arrays.copyOf(labels, 2 * rows);
        }
        int at = rows * features;
        for (int c = 0; c < columns; c++) {
          String field = fields[c].trim();
          float value = number(file, number, c, field);
          if (c != target) {
            x[at++] = value;
          } else if (!labelled) {
            y[rows] = value;
          } else if (Readers.isLabel(value)) {
            labels[rows] = (int) value;
          } else {
            throw new IllegalArgumentException(file + " line " + number + ", column " + c + ": \"" + field
                + "\" is not a class index (" + Readers.labelRange() + ")");
          }
        }
        rows++;
      }
    } catch (IOException e) {
      throw Readers.naming(file, e);
    }
    if (rows == 0) {
      throw new IllegalArgumentException(file + " has no data lines");
    }
    x = Arrays.copyOf(x, rows * (columns - 1));
    return labelled ? Data.labels(x, Arrays.copyOf(labels, rows), rows) : Data.of(x, Arrays.copyOf(y, rows), rows);
  }

  private static String checkName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("column name must not be null");
    }
    return name;
  }

  private static int column(Path file, int index, int columns) {
    int resolved = index < 0 ? columns + index : index;
    if (resolved < 0 || resolved >= columns) {
      throw new IllegalArgumentException("column " + index + " is outside the " + columns + " columns of " + file
          + " (use 0 .. " + (columns - 1) + ", or -1 for the last)");
    }
    return resolved;
  }

  /** A header name without the quotes around it ({@code QUOTE_NONNUMERIC} writes {@code "target"}). */
  private static String unquoted(String name) {
    return name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"'
        ? name.substring(1, name.length() - 1) : name;
  }

  private static int column(Path file, String name, String[] header, int columns) {
    if (header == null || header.length != columns) {
      throw new IllegalArgumentException(file + " has no header line naming its " + columns
          + " columns; give the column's index instead of \"" + name + "\"");
    }
    for (int c = 0; c < columns; c++) {
      if (unquoted(header[c].trim()).equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no column \"" + name + "\" in " + file + "; its header is "
        + Arrays.toString(header));
  }

  private static float number(Path file, int line, int column, String field) {
    float value = Readers.isDecimal(field) ? Float.parseFloat(field) : Float.NaN;
    if (Float.isFinite(value)) {
      return value;
    }
    String where = file + " line " + line + ", column " + column + ": \"" + field + "\"";
    if (MISSING.matcher(field).matches()) {
      throw new IllegalArgumentException(where + " is a missing value; fill in or drop such rows first");
    }
    if (Float.isInfinite(value)) {
      throw new IllegalArgumentException(where + " is past a float's range (±" + Float.MAX_VALUE + ")");
    }
    throw new IllegalArgumentException(where + " is not a number");
  }

  /**
   * Whether a field is a name: starts with a letter (or another character no number starts with) and has a
   * letter, and is not a missing value. {@code 2f}, {@code 0x1p3} or {@code 1e5} start as numbers do: a line of
   * them is data, whose bad fields are errors.
   */
  private static boolean hasName(String[] fields) {
    for (String field : fields) {
      String f = field.trim();
      if (f.isEmpty() || "+-.0123456789".indexOf(f.charAt(0)) >= 0) {
        continue;
      }
      if (f.chars().anyMatch(Character::isLetter) && !MISSING.matcher(f).matches()) {
        return true;
      }
    }
    return false;
  }



  /** The file's bytes, through gzip when it starts with gzip's magic bytes. */
  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }
}
