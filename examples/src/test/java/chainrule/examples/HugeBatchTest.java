package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Sgd;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 1: a batch whose buffers do not fit in a Java array. Inference takes it in chunks; a
 * training step refuses it with a named {@link IllegalArgumentException}, and the network stays usable and
 * unchanged. (Before: {@code ArrayIndexOutOfBoundsException} on {@code 2-65536-1}, then on every later call;
 * {@code NegativeArraySizeException} on {@code 2-512-512-1}.)
 */
class HugeBatchTest {
  private static final float[] TWO_ROWS = {0.5f, -1f, 2f, 0.25f};
  private static final float[] TWO_TARGETS = {1f, 0f};

  @Test
  void aWideNetworkPredictsA65537RowBatchInChunksAndRefusesToTrainOnIt() {
    int rows = 65537;
    float[] x = new float[rows * 2];
    Random random = new Random(8);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    Wide65536Net net = Wide65536Net.create(1);
    float[] p = net.forward(x, rows);
    assertEquals(rows, p.length);
    float[] last = net.forward(java.util.Arrays.copyOfRange(x, (rows - 2) * 2, rows * 2), 2);
    assertEquals(last[0], p[rows - 2], 1e-6f, "row 65535 as a batch of its own");
    assertEquals(last[1], p[rows - 1], 1e-6f, "row 65536 as a batch of its own");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.lossAndGradients(x, new float[rows], rows));
    assertTrue(e.getMessage().contains("rows = 65537") && e.getMessage().contains("rows × 65536")
        && e.getMessage().contains("32767 rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, new float[rows], rows, new Sgd(0.1f)));

    Wide65536Net fresh = Wide65536Net.create(1);
    assertArrayEquals(fresh.parameters(), net.parameters(), "the refused steps changed nothing");
    assertArrayEquals(fresh.forward(TWO_ROWS, 2), net.forward(TWO_ROWS, 2), "and the network still works");
    assertEquals(fresh.trainStep(TWO_ROWS, TWO_TARGETS, 2, new Sgd(0.1f)),
        net.trainStep(TWO_ROWS, TWO_TARGETS, 2, new Sgd(0.1f)));
    assertArrayEquals(fresh.parameters(), net.parameters());
  }

  @Test
  void aStepOf4194304RowsOf512IsANamedErrorNotANegativeArraySize() {
    int rows = 4_194_304; // × 512 = 2^31 floats
    Deep512Net net = Deep512Net.create(1);
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.lossAndGradients(x, y, rows));
    assertTrue(e.getMessage().contains("rows = 4194304") && e.getMessage().contains("rows × 512 = 2147483648")
        && e.getMessage().contains("4194303 rows"), e.getMessage());
    Deep512Net fresh = Deep512Net.create(1);
    assertArrayEquals(fresh.forward(TWO_ROWS, 2), net.forward(TWO_ROWS, 2), "the network still works");
    assertEquals(fresh.trainStep(TWO_ROWS, TWO_TARGETS, 2, new Sgd(0.1f)),
        net.trainStep(TWO_ROWS, TWO_TARGETS, 2, new Sgd(0.1f)));
  }
}
