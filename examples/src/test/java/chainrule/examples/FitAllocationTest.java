package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Listener;
import chainrule.Sgd;
import chainrule.Status;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code fit} allocates nothing per epoch once warmed up (shuffled, in batches with a short
 * last one; progress off). A listener reads {@code ThreadMXBean.getThreadAllocatedBytes} at the end of
 * every {@value #WINDOW}th epoch, into a preallocated array, as StepAllocationTest measures steps: one
 * window of zero bytes after warm-up shows the steady state allocates nothing (a window can still catch
 * the JIT at work). Times are never asserted.
 */
class FitAllocationTest {
  private static final int WARMUP = 3000;
  private static final int WINDOW = 500;
  private static final int WINDOWS = 8;

  @Test
  void generatedFitAllocatesNothingPerEpoch() {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long[] marks = new long[WINDOWS + 1];
    Listener meter = new Listener() {
      @Override
      public void epochEnd(Status status) {
        int e = status.epoch() - WARMUP;
        if (e >= 0 && e % WINDOW == 0) {
          marks[e / WINDOW] = bean.getThreadAllocatedBytes(thread);
        }
      }
    };
    // xor's four rows twice over: 8 rows in batches of 3, 3 and 2
    float[] x = new float[16];
    float[] y = new float[8];
    for (int r = 0; r < 8; r++) {
      System.arraycopy(Lecture.X, (r % 4) * 2, x, r * 2, 2);
      y[r] = Lecture.Y[r % 4];
    }
    int epochs = WARMUP + WINDOW * WINDOWS;
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    History history = net.fit(Data.of(x, y, 8),
        Fit.epochs(epochs).batchSize(3).shuffle(true).optimizer(new Sgd(1f)).listener(meter).silent());
    assertEquals(3 * epochs, history.batchLosses().length);
    long[] perWindow = new long[WINDOWS];
    boolean zero = false;
    for (int w = 0; w < WINDOWS; w++) {
      perWindow[w] = marks[w + 1] - marks[w];
      zero |= perWindow[w] == 0;
    }
    System.out.println("generated fit, bytes allocated per window of " + WINDOW + " epochs after warm-up: "
        + Arrays.toString(perWindow));
    assertTrue(zero, "every window of " + WINDOW + " epochs allocated: " + Arrays.toString(perWindow));
  }
}
