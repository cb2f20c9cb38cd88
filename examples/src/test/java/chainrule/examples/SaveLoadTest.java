package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated network saves its parameters and loads them back; a file that does not fit changes nothing. */
class SaveLoadTest {
  @TempDir Path dir;

  @Test
  void aTrainedNetworkComesBackExactly() throws IOException {
    XorNnNet trained = XorNnNet.create(Lecture.SEED);
    Sgd sgd = new Sgd(1f);
    for (int step = 0; step < 3000; step++) {
      trained.trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, sgd);
    }
    Path file = dir.resolve("xor-nn.ckpt");
    trained.save(file);

    XorNnNet loaded = XorNnNet.create(1);
    loaded.load(file);
    assertArrayEquals(trained.forward(Lecture.X, Lecture.ROWS), loaded.forward(Lecture.X, Lecture.ROWS));
    assertArrayEquals(trained.linear1.weight(), loaded.linear1.weight());
    assertArrayEquals(trained.linear2.bias(), loaded.linear2.bias());
    assertEquals("XorNnNet(" + XorNnNet.ARCHITECTURE + ")", loaded.toString());
  }

  @Test
  void aCheckpointOfAnotherArchitectureIsRefusedAndChangesNothing() throws IOException {
    Path file = dir.resolve("wide.ckpt");
    XorWideDeepNet.create(3).save(file);
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    float[] before = net.forward(Lecture.X, Lecture.ROWS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.load(file));
    assertTrue(e.getMessage().contains("expected " + XorNnNet.ARCHITECTURE), e.getMessage());
    assertArrayEquals(before, net.forward(Lecture.X, Lecture.ROWS));
  }

  @Test
  void aTruncatedCheckpointIsRefusedAndChangesNothing() throws IOException {
    Path file = dir.resolve("xor-nn.ckpt");
    XorNnNet.create(5).save(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    float[] before = net.linear1.weight();
    assertThrows(IllegalArgumentException.class, () -> net.load(file));
    assertArrayEquals(before, net.linear1.weight());
  }
}
