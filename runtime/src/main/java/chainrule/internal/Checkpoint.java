package chainrule.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A network's parameters in one file, written so that a failure loses nothing: {@link #save} writes a
 * temporary file beside the target and moves it over the old one only when it is complete, and
 * {@link #load} checks the whole file before it changes a single parameter.
 *
 * <p>Format (big-endian): magic {@code "CHNR"}, version 1, the architecture as UTF-8 (length-prefixed),
 * the parameter count, the parameters as float32, then a CRC-32 of everything before it.
 */
public final class Checkpoint {
  private static final int MAGIC = 0x43484E52; // "CHNR"
  private static final int VERSION = 1;

  private Checkpoint() {}

  /**
   * Writes {@code params} of a network whose layers are described by {@code architecture} to {@code file},
   * replacing it atomically. If writing fails, {@code file} is as it was.
   */
  public static void save(Path file, String architecture, float[] params) throws IOException {
    Checks.notNull("file", file);
    byte[] bytes = encode(architecture, params);
    Path absolute = file.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads {@code file} into {@code params}. Throws {@link IllegalArgumentException} if the file is not a
   * complete chainrule checkpoint of this {@code architecture} with {@code params.length} parameters;
   * {@code params} is changed only when the whole file has been read and checked.
   */
  public static void load(Path file, String architecture, float[] params) throws IOException {
    Checks.notNull("file", file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 16 || in.getInt() != MAGIC) {
      throw new IllegalArgumentException("file " + file + " is not a chainrule checkpoint (no CHNR header)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException("file " + file + " has checkpoint version " + version + ", expected " + VERSION);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int storedCrc = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if ((int) crc.getValue() != storedCrc) {
      throw new IllegalArgumentException("file " + file + " is damaged or truncated (checksum mismatch, "
          + bytes.length + " bytes)");
    }
    byte[] name = new byte[in.getInt()];
    in.get(name);
    String stored = new String(name, StandardCharsets.UTF_8);
    if (!stored.equals(architecture)) {
      throw new IllegalArgumentException(
          "file " + file + " holds a network of architecture " + stored + ", expected " + architecture);
    }
    int count = in.getInt();
    if (count != params.length || in.remaining() != 4L * count + 4) {
      throw new IllegalArgumentException("file " + file + " holds " + count + " parameters, expected " + params.length);
    }
    float[] loaded = new float[count];
    in.asFloatBuffer().get(loaded);
    System.arraycopy(loaded, 0, params, 0, count);
  }

  private static byte[] encode(String architecture, float[] params) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + architecture.length() + 4 * params.length);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    byte[] name = architecture.getBytes(StandardCharsets.UTF_8);
    out.writeInt(name.length);
    out.write(name);
    out.writeInt(params.length);
    for (float p : params) {
      out.writeFloat(p);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
