package chainrule.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file atomically: the bytes go to a temporary file beside it, forced to the disk, then moved over
 * it. A reader sees the old file or the new one, never half of one; if anything fails, the old file is as it
 * was and the temporary one is gone. Checkpoints, backups and the history's CSV are written so, and the
 * examples' pictures and benchmark results.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code bytes} to {@code file}, whose directory must exist, replacing it atomically. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("bytes", bytes);
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(file.toString(), null, "is a directory; give the path of a file to write");
    }
    if (directory == null || !Files.exists(directory)) {
      throw new NoSuchFileException(file.toString(), null, "directory " + directory + " does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw new FileSystemException(file.toString(), null, directory + " is not a directory");
    }
    Path temporary;
    try {
      temporary = Files.createTempFile(directory, absolute.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw failed(file, "cannot create a file in " + directory, e);
    }
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      } catch (IOException e) {
        throw failed(file, "writing failed, the old file is unchanged", e);
      }
      try {
        try {
          Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw failed(file, "cannot replace it" + (Files.isDirectory(absolute) ? " (it is a directory)" : ""), e);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** An exception naming the caller's {@code file} and what went wrong, with the original as its cause. */
  static FileSystemException failed(Path file, String what, IOException cause) {
    // a FileSystemException's message names the temporary file: keep only its reason
    String detail = cause instanceof FileSystemException f ? f.getReason() : cause.getMessage();
    if (detail == null) {
      detail = cause.getClass().getSimpleName();
    }
    FileSystemException e = new FileSystemException(file.toString(), null, what + " (" + detail + ")");
    e.initCause(cause);
    return e;
  }
}
