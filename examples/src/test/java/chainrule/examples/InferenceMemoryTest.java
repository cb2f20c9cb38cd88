package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import chainrule.Data;
import chainrule.Trainable;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 2: inference keeps only what inference needs. {@code forward} on 200,000 rows of
 * {@code 2-512-512-1} used to grow every buffer, gradients included, to the whole input and keep them
 * (2.36 GB). Now it runs at most {@code INFERENCE_ROWS} (1024) rows a pass through the forward buffers
 * alone; the gradient buffers grow only when the network trains, and {@code release()} drops them all.
 * The buffers are read through reflection: what a network keeps after a call is what the issue measured.
 */
class InferenceMemoryTest {
  private static final String[] FORWARD = {"a1", "a2", "a3"};
  /** The gradients of the ReLUs' outputs (d_a1, d_a2) are never stored: linearReluBackward gates them as it goes. */
  private static final String[] GRADIENTS = {"d_l3", "d_l2", "d_l1"};

  @Test
  void forwardKeepsOneChunkOfForwardBuffersAndNoGradients() {
    int rows = 20_000;
    float[] x = gaussian(rows * 2, 4);
    Deep512Net net = Deep512Net.create(1);
    float[] p = net.forward(x, rows);
    assertEquals(rows, p.length);
    assertBuffers(net, 1024, 0);
    System.out.println("forward on 20000 rows of 2-512-512-1 keeps " + kept(net) + " bytes of buffers; before"
        + " chunking it kept " + 20_000L * (512 + 512 + 1 + 1 + 512 + 512 + 512 + 512) * 4);

    Deep512Net whole = Deep512Net.create(1);
    float[] head = Arrays.copyOf(x, 1000 * 2);
    assertArrayEquals(whole.forward(head, 1000), Arrays.copyOf(p, 1000), "the first chunk's rows, as one batch");
    net.evaluate(Data.of(x, new float[rows], rows));
    assertBuffers(net, 1024, 0);
  }

  @Test
  void gradientBuffersGrowOnlyWhenTrainingAndReleaseDropsEverything() {
    Deep512Net net = Deep512Net.create(1);
    net.lossAndGradients(gaussian(64 * 2, 5), new float[64], 64);
    assertBuffers(net, 64, 64);
    net.forward(gaussian(5000 * 2, 6), 5000);
    assertBuffers(net, 1024, 64);
    net.release();
    for (String name : FORWARD) {
      assertNull(buffer(net, name), name);
    }
    for (String name : GRADIENTS) {
      assertNull(buffer(net, name), name);
    }
    float[] two = {1f, 2f, -1f, 0.5f};
    assertArrayEquals(Deep512Net.create(1).forward(two, 2), net.forward(two, 2), "and it still predicts");
  }

  /** Every forward buffer holds {@code forwardRows} rows, every gradient buffer {@code gradientRows} (0: none). */
  private static void assertBuffers(Trainable net, int forwardRows, int gradientRows) {
    for (String name : FORWARD) {
      assertEquals(forwardRows * width(name), buffer(net, name).length, name);
    }
    for (String name : GRADIENTS) {
      float[] buffer = buffer(net, name);
      assertEquals(gradientRows * width(name), buffer == null ? 0 : buffer.length, name);
    }
  }

  private static long kept(Trainable net) {
    long bytes = 0;
    for (String name : FORWARD) {
      float[] b = buffer(net, name);
      bytes += b == null ? 0 : 4L * b.length;
    }
    for (String name : GRADIENTS) {
      float[] b = buffer(net, name);
      bytes += b == null ? 0 : 4L * b.length;
    }
    return bytes;
  }

  private static int width(String name) {
    return name.endsWith("3") ? 1 : 512;
  }

  private static float[] buffer(Trainable net, String name) {
    try {
      Field field = net.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return (float[]) field.get(net);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static float[] gaussian(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
