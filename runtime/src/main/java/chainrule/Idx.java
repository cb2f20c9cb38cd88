package chainrule;

import chainrule.internal.Buffers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the IDX format of MNIST-style data sets (MNIST, Fashion-MNIST, EMNIST): gzipped or not.
 *
 * <pre>
 * Data train = Idx.labels(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"));
 * </pre>
 *
 * <p>The format: two zero bytes, a type byte ({@code 0x08} unsigned byte, {@code 0x09} signed byte,
 * {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double), the number of
 * dimensions, each dimension as a big-endian int, then the values, big-endian, row-major. Plain Java, for
 * the reason given in {@link Csv}.
 */
public final class Idx {
  /** The most bytes deflate can give for one byte of its stream (its documented limit is 1032:1). */
  private static final long MAX_DEFLATE_RATIO = 1032;

  private Idx() {}

  /** An IDX file's contents: its dimensions and its values, as floats. */
  public record Array(int[] dimensions, float[] values) {
    public Array {
      if (dimensions == null || values == null) {
        throw new IllegalArgumentException("dimensions and values must not be null, were "
            + (dimensions == null ? "null" : "given") + " and " + (values == null ? "null" : "given"));
      }
    }

    /** Values per item: the product of every dimension after the first (1 for a list of labels). */
    public int itemSize() {
      int size = 1;
      for (int d = 1; d < dimensions.length; d++) {
        size *= dimensions[d];
      }
      return size;
    }
  }

  /**
   * Images and their labels, each image one row of {@code height × width} features scaled to [0, 1] the
   * way torchvision's {@code ToTensor()} does it: {@code (float) pixel / 255f}.
   */
  public static Data labels(Path images, Path labels) throws IOException {
    Array pixels = read(images);
    Array classes = read(labels);
    int rows = pixels.dimensions()[0];
    if (classes.dimensions().length != 1 || classes.dimensions()[0] != rows) {
      throw new IllegalArgumentException(labels + " holds " + describe(classes.dimensions()) + " labels; "
          + images + " holds " + rows + " images, so expected " + rows);
    }
    float[] x = pixels.values();
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] / 255f;
    }
    int[] indices = new int[rows];
    for (int r = 0; r < rows; r++) {
      float label = classes.values()[r];
      if (!Readers.isLabel(label)) {
        throw new IllegalArgumentException(labels + " item " + r + " is " + label + ", not a class index ("
            + Readers.labelRange() + ")");
      }
      indices[r] = (int) label;
    }
    return Data.labels(x, indices, rows);
  }

  /** The whole of an IDX file, its values as floats (exact for bytes, shorts and floats). */
  public static Array read(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    try (DataInputStream in = new DataInputStream(Csv.open(file))) {
      int zero = in.readUnsignedShort();
      int type = in.readUnsignedByte();
      int rank = in.readUnsignedByte();
      int width = switch (type) {
        case 0x08, 0x09 -> 1;
        case 0x0B -> 2;
        case 0x0C, 0x0D -> 4;
        case 0x0E -> 8;
        default -> -1;
      };
      if (zero != 0 || width < 0 || rank == 0) {
        throw new IllegalArgumentException(file + " is not an IDX file (header " + String.format("%04x %02x %02x",
            zero, type, rank) + "; expected 0000, a type 08/09/0b/0c/0d/0e, then the number of dimensions)");
      }
      int[] dimensions = new int[rank];
      long count = 1;
      for (int d = 0; d < rank; d++) {
        dimensions[d] = in.readInt();
        count *= dimensions[d];
        if (dimensions[d] <= 0 || count > Buffers.MAX_LENGTH) {
          throw new IllegalArgumentException(file + " has dimensions " + describe(dimensions)
              + ": each must be > 0 and all of them fit one Java array");
        }
      }
      // deflate packs at most ~1032 bytes into one: a header claiming more values than the file can hold
      // (a corrupt count) is refused before its array is made
      if (count * width > MAX_DEFLATE_RATIO * Files.size(file)) {
        throw new EOFException();
      }
      float[] values = new float[(int) count];
      for (int i = 0; i < count; i++) {
        values[i] = switch (type) {
          case 0x08 -> in.readUnsignedByte();
          case 0x09 -> in.readByte();
          case 0x0B -> in.readShort();
          case 0x0C -> in.readInt();
          case 0x0D -> in.readFloat();
          default -> (float) in.readDouble();
        };
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException(file + " has bytes after its " + count + " values "
            + describe(dimensions));
      }
      return new Array(dimensions, values);
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + " is truncated: it ends before all its values", e);
    } catch (IOException e) {
      throw Readers.naming(file, e);
    }
  }

  private static String describe(int[] dimensions) {
    StringBuilder s = new StringBuilder();
    for (int d = 0; d < dimensions.length; d++) {
      s.append(d == 0 ? "" : " × ").append(dimensions[d]);
    }
    return s.toString();
  }
}
