package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final String ARCH = "Linear(2 -> 2), Sigmoid, Linear(2 -> 1), Sigmoid";
  @TempDir Path dir;

  @Test
  void roundTripsEveryBit() throws IOException {
    float[] params = {1.5f, -0f, Float.MIN_VALUE, 3e38f, 0.1f, -7f, 0f, 2f, 1e-20f};
    Path file = dir.resolve("net.ckpt");
    Checkpoint.save(file, ARCH, params);
    float[] loaded = new float[9];
    Checkpoint.load(file, ARCH, loaded);
    assertArrayEquals(params, loaded);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void aFailedLoadLeavesTheParametersAlone() throws IOException {
    Path file = dir.resolve("net.ckpt");
    Checkpoint.save(file, ARCH, new float[9]);
    float[] params = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] before = params.clone();

    String message = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(file, "Linear(2 -> 3)", params)).getMessage();
    assertTrue(message.contains("architecture " + ARCH + ", expected Linear(2 -> 3)"), message);

    message = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(file, ARCH, new float[8])).getMessage();
    assertTrue(message.contains("holds 9 parameters, expected 8"), message);

    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
    message = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, ARCH, params)).getMessage();
    assertTrue(message.contains("damaged or truncated"), message);

    bytes[bytes.length - 10] ^= 1;
    Files.write(file, bytes);
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, ARCH, params));

    Files.writeString(file, "not a checkpoint at all");
    message = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, ARCH, params)).getMessage();
    assertTrue(message.contains("not a chainrule checkpoint"), message);

    assertArrayEquals(before, params);
  }

  @Test
  void aFailedSaveLeavesTheOldFileIntact() throws IOException {
    Path file = dir.resolve("net.ckpt");
    Checkpoint.save(file, ARCH, new float[] {1, 2, 3});
    byte[] old = Files.readAllBytes(file);
    // the target is a non-empty directory: the final move fails after the temporary file was written
    Path blocked = dir.resolve("blocked");
    Files.createDirectories(blocked.resolve("inside"));
    assertThrows(IOException.class, () -> Checkpoint.save(blocked, ARCH, new float[] {4, 5, 6}));
    assertTrue(Files.isDirectory(blocked.resolve("inside")));
    assertArrayEquals(old, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "only net.ckpt and blocked/: the temporary file was removed");
    }
  }

  /** A version 1 file, written by Checkpoint.save before version 2 existed (main d718dd3), still loads. */
  @Test
  void versionOneFilesStillLoad() throws IOException {
    Path file = dir.resolve("v1.ckpt");
    try (InputStream in = getClass().getResourceAsStream("/reference/checkpoint_v1.ckpt")) {
      Files.copy(in, file);
    }
    String arch = "linear1 Linear(2 -> 2), sigmoid1 Sigmoid, linear2 Linear(2 -> 1), sigmoid2 Sigmoid; loss BCE";
    float[] params = new float[9];
    Checkpoint.load(file, arch, params);
    assertArrayEquals(new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f, 0.1f, -7f, 0f, 2f, 1e-20f}, params);
    Checkpoint.Contents contents = Checkpoint.read(file, arch, 9);
    assertEquals(1, contents.version());
    assertEquals(0, contents.state().length);
  }

  @Test
  void versionTwoCarriesATrainingState() throws IOException {
    Path file = dir.resolve("backup.ckpt");
    byte[] state = {1, 2, 3, 4, 5, -1};
    Checkpoint.save(file, ARCH, new float[] {0.5f, 2f}, state);
    Checkpoint.Contents contents = Checkpoint.read(file, ARCH, 2);
    assertEquals(2, contents.version()); // no running statistics: version 2, as before version 3
    assertArrayEquals(new float[] {0.5f, 2f}, contents.params());
    assertArrayEquals(state, contents.state());
    float[] params = new float[2];
    Checkpoint.load(file, ARCH, params); // a backup loads as a plain checkpoint
    assertArrayEquals(new float[] {0.5f, 2f}, params);
  }

  /** Version 3: running statistics (BatchNorm1d's) after the parameters, checked for their count like them. */
  @Test
  void versionThreeCarriesRunningStatistics() throws IOException {
    Path file = dir.resolve("bn.ckpt");
    byte[] state = {7, 8};
    Checkpoint.save(file, ARCH, new float[] {0.5f, 2f}, new float[] {0.25f, -1f, 3f, 4f}, state);
    Checkpoint.Contents contents = Checkpoint.read(file, ARCH, 2, 4);
    assertEquals(3, contents.version());
    assertArrayEquals(new float[] {0.5f, 2f}, contents.params());
    assertArrayEquals(new float[] {0.25f, -1f, 3f, 4f}, contents.running());
    assertArrayEquals(state, contents.state());
    float[] params = new float[2];
    float[] running = new float[4];
    Checkpoint.load(file, ARCH, params, running);
    assertArrayEquals(new float[] {0.5f, 2f}, params);
    assertArrayEquals(new float[] {0.25f, -1f, 3f, 4f}, running);

    // a network expecting other running statistics, or none, is refused and left as it was
    float[] untouched = {9f, 9f};
    String message = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(file, ARCH, untouched, new float[2])).getMessage();
    assertEquals("file " + file + " holds 4 running statistics (BatchNorm1d's mean and variance), expected 2",
        message);
    assertArrayEquals(new float[] {9f, 9f}, untouched);
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, ARCH, untouched));
    // and a version 2 file (no running statistics) is refused by a network that has them
    Path old = dir.resolve("old.ckpt");
    Checkpoint.save(old, ARCH, new float[] {1f, 2f});
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(old, ARCH, untouched, new float[4]));
  }

  /** Issue 8 item 4: errors name the path the user gave, never a temporary file, and say what is wrong. */
  @Test
  void fileErrorsNameTheGivenPath() throws IOException {
    Path missing = dir.resolve("no-such-dir").resolve("net.ckpt");
    NoSuchFileException noDir = assertThrows(NoSuchFileException.class,
        () -> Checkpoint.save(missing, ARCH, new float[1]));
    assertEquals(missing + ": directory " + missing.getParent().toAbsolutePath() + " does not exist",
        noDir.getMessage());

    Path directory = Files.createDirectories(dir.resolve("a-directory"));
    FileSystemException ontoDirectory = assertThrows(FileSystemException.class,
        () -> Checkpoint.save(directory, ARCH, new float[1]));
    assertEquals(directory + ": is a directory; give the path of a file to write", ontoDirectory.getMessage());

    FileSystemException loadDirectory = assertThrows(FileSystemException.class,
        () -> Checkpoint.load(directory, ARCH, new float[1]));
    assertEquals(directory + ": is a directory, not a checkpoint file", loadDirectory.getMessage());

    Path absent = dir.resolve("absent.ckpt");
    NoSuchFileException noFile = assertThrows(NoSuchFileException.class,
        () -> Checkpoint.load(absent, ARCH, new float[1]));
    assertEquals(absent + ": no such file", noFile.getMessage());

    Path notADirectory = dir.resolve("plain-file");
    Files.writeString(notADirectory, "x");
    FileSystemException underAFile = assertThrows(FileSystemException.class,
        () -> Checkpoint.save(notADirectory.resolve("net.ckpt"), ARCH, new float[1]));
    assertEquals(notADirectory.resolve("net.ckpt") + ": " + notADirectory.toAbsolutePath() + " is not a directory",
        underAFile.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "a-directory and plain-file only: nothing written");
    }
  }

  @Test
  void aFileWithWrongLengthsInsideIsRefusedNotCrashedOn() throws IOException {
    // a valid checksum over nonsense lengths: the architecture length claims more bytes than the file has
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.writeInt(0x43484E52);
    out.writeInt(2);
    out.writeInt(1_000_000);
    out.writeInt(7);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    Path file = dir.resolve("odd.ckpt");
    Files.write(file, bytes.toByteArray());
    String message = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(file, ARCH, new float[1])).getMessage();
    assertEquals("file " + file + " is damaged (its lengths do not fit its 20 bytes)", message);
  }
}
