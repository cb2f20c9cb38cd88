package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
}
