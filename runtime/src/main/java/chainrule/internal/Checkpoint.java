package chainrule.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A network's parameters in one file, written so that a failure loses nothing: {@link #save} writes a
 * temporary file beside the target and moves it over the old one only when it is complete, and
 * {@link #load} checks the whole file before it changes a single parameter. A file error names the path
 * the caller gave and what is wrong with it, never the temporary file.
 *
 * <p>Format (big-endian): magic {@code "CHNR"}, the version, the architecture as UTF-8 (length-prefixed),
 * the parameter count, the parameters as float32, then (version 3) the count of running statistics and
 * their float32 values (BatchNorm1d's running mean and variance: buffers, not parameters, so no optimizer
 * touches them), then (versions 2 and 3) the length of a training state and its bytes (empty for a plain
 * checkpoint; a {@code fit} backup keeps its optimizer, generator, schedule and history there), then a CRC-32
 * of everything before it. A network without running statistics writes version 2, byte for byte as before
 * version 3 existed; version 1 files (no state) and version 2 files (no running statistics) still load.
 */
public final class Checkpoint {
  private static final int MAGIC = 0x43484E52; // "CHNR"
  /** The newest version, written when a network has running statistics; without them, version 2. */
  private static final int VERSION = 3;
  private static final int VERSION_WITHOUT_RUNNING = 2;
  private static final byte[] NO_STATE = new byte[0];
  private static final float[] NO_RUNNING = new float[0];

  private Checkpoint() {}

  /**
   * What a checkpoint file holds: its format version, the parameters, the running statistics (empty if none)
   * and the training state (empty if none).
   */
  public record Contents(int version, float[] params, float[] running, byte[] state) {}

  /**
   * Writes {@code params} of a network whose layers are described by {@code architecture} to {@code file},
   * replacing it atomically. If writing fails, {@code file} is as it was.
   */
  public static void save(Path file, String architecture, float[] params) throws IOException {
    save(file, architecture, params, NO_RUNNING, NO_STATE);
  }

  /** Like {@link #save(Path, String, float[])}, with a training state (the bytes of a backup). */
  public static void save(Path file, String architecture, float[] params, byte[] state) throws IOException {
    save(file, architecture, params, NO_RUNNING, state);
  }

  /** Like {@link #save(Path, String, float[])}, with the network's running statistics (BatchNorm1d's). */
  public static void save(Path file, String architecture, float[] params, float[] running) throws IOException {
    save(file, architecture, params, running, NO_STATE);
  }

  /** Parameters, running statistics and a training state; the others are this with empty ones. */
  public static void save(Path file, String architecture, float[] params, float[] running, byte[] state)
      throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("architecture", architecture);
    Checks.notNull("params", params);
    Checks.notNull("running", running);
    Checks.notNull("state", state);
    byte[] bytes = encode(architecture, params, running, state);
    AtomicFile.write(file, bytes);
  }

  /**
   * Reads {@code file} into {@code params}. Throws {@link IllegalArgumentException} if the file is not a
   * complete chainrule checkpoint of this {@code architecture} with {@code params.length} parameters;
   * {@code params} is changed only when the whole file has been read and checked. Reads versions 1 and 2.
   */
  public static void load(Path file, String architecture, float[] params) throws IOException {
    load(file, architecture, params, NO_RUNNING);
  }

  /**
   * Like {@link #load(Path, String, float[])}, for a network with running statistics: reads both, and
   * changes {@code params} and {@code running} only when the whole file has been read and checked.
   */
  public static void load(Path file, String architecture, float[] params, float[] running) throws IOException {
    Checks.notNull("params", params);
    Checks.notNull("running", running);
    Contents contents = read(file, architecture, params.length, running.length);
    System.arraycopy(contents.params(), 0, params, 0, params.length);
    System.arraycopy(contents.running(), 0, running, 0, running.length);
  }

  /**
   * Reads and checks the whole of {@code file}: a checkpoint of {@code architecture} with
   * {@code parameterCount} parameters and no running statistics. Changes nothing.
   */
  public static Contents read(Path file, String architecture, int parameterCount) throws IOException {
    return read(file, architecture, parameterCount, 0);
  }

  /**
   * Reads and checks the whole of {@code file}: a checkpoint of {@code architecture} with
   * {@code parameterCount} parameters and {@code runningCount} running statistics, version 1, 2 or 3, with
   * an intact checksum. Changes nothing.
   */
  public static Contents read(Path file, String architecture, int parameterCount, int runningCount)
      throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("architecture", architecture);
    byte[] bytes = readAll(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 16 || in.getInt() != MAGIC) {
      throw new IllegalArgumentException("file " + file + " is not a chainrule checkpoint (no CHNR header)");
    }
    int version = in.getInt();
    if (version < 1 || version > VERSION) {
      throw new IllegalArgumentException(
          "file " + file + " has checkpoint version " + version + ", expected 1 to " + VERSION);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int storedCrc = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
    if ((int) crc.getValue() != storedCrc) {
      throw new IllegalArgumentException("file " + file + " is damaged or truncated (checksum mismatch, "
          + bytes.length + " bytes)");
    }
    try {
      byte[] name = new byte[in.getInt()];
      in.get(name);
      String stored = new String(name, StandardCharsets.UTF_8);
      if (!stored.equals(architecture)) {
        throw new IllegalArgumentException(
            "file " + file + " holds a network of architecture " + stored + ", expected " + architecture);
      }
      int count = in.getInt();
      if (count != parameterCount || count < 0 || in.remaining() < 4L * count + 4) {
        throw new IllegalArgumentException(
            "file " + file + " holds " + count + " parameters, expected " + parameterCount);
      }
      float[] params = new float[count];
      in.asFloatBuffer().get(params);
      in.position(in.position() + 4 * count);
      float[] running = NO_RUNNING;
      if (version >= 3) {
        int statistics = in.getInt();
        if (statistics < 0 || in.remaining() < 4L * statistics + 4) {
          throw new BufferUnderflowException();
        }
        running = new float[statistics];
        in.asFloatBuffer().get(running);
        in.position(in.position() + 4 * statistics);
      }
      if (running.length != runningCount) {
        throw new IllegalArgumentException("file " + file + " holds " + running.length
            + " running statistics (BatchNorm1d's mean and variance), expected " + runningCount);
      }
      byte[] state = NO_STATE;
      if (version >= 2) {
        state = new byte[in.getInt()];
        in.get(state);
      }
      if (in.remaining() != 4) {
        throw new IllegalArgumentException("file " + file + " has " + (in.remaining() - 4)
            + " bytes after its contents; it is not a checkpoint this version wrote");
      }
      return new Contents(version, params, running, state);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("file " + file + " is damaged (its lengths do not fit its "
          + bytes.length + " bytes)");
    }
  }

  /**
   * Deletes the temporary files a {@link #save} to {@code file} leaves behind when its process is killed
   * while writing ({@code <name>.<digits>.tmp} beside it). Only for a file no other process is saving.
   */
  public static void deleteTemporaries(Path file) {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    String prefix = absolute.getFileName() + ".";
    try (var files = Files.newDirectoryStream(directory, entry -> {
      String name = entry.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(".tmp")
          && name.substring(prefix.length(), name.length() - 4).chars().allMatch(Character::isDigit);
    })) {
      for (Path temporary : files) {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      // nothing lost: a stale temporary file is only clutter
    }
  }

  private static byte[] readAll(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory, not a checkpoint file");
    }
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw AtomicFile.failed(file, "cannot be read", e);
    }
  }



  private static byte[] encode(String architecture, float[] params, float[] running, byte[] state)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(
        36 + architecture.length() + 4 * params.length + 4 * running.length + state.length);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(running.length == 0 ? VERSION_WITHOUT_RUNNING : VERSION);
    byte[] name = architecture.getBytes(StandardCharsets.UTF_8);
    out.writeInt(name.length);
    out.write(name);
    out.writeInt(params.length);
    for (float p : params) {
      out.writeFloat(p);
    }
    if (running.length > 0) {
      out.writeInt(running.length);
      for (float r : running) {
        out.writeFloat(r);
      }
    }
    out.writeInt(state.length);
    out.write(state);
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
