package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Metric;
import chainrule.Schedule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fit} allocates nothing per step and per epoch once warmed up, with shuffling, a short last batch,
 * validation, accuracy and ROC AUC on both, early stopping with restore-best, a schedule and Adam (progress
 * off, no listeners, backup or saving: those allocate, see Fit). The loop is the generated one, measured
 * with {@code ThreadMXBean.getThreadAllocatedBytes} around windows of whole epochs, as
 * examples/.../StepAllocationTest measures steps: one window of zero bytes after warm-up shows the steady
 * state allocates nothing (a window can still catch the JIT at work). Times are never asserted.
 *
 * <p>The runtime's tests run inside its module, which does not read java.management: the bean is reached
 * by reflection and its method through an exact method handle, which neither boxes nor allocates.
 */
class FitAllocationTest {
  private static final int WARMUP = 1500;
  private static final int WINDOW = 100;
  /** At most this many windows: on a loaded machine C2 may compile the loop late; the first zero window ends the run. */
  private static final int WINDOWS = 40;

  @Test
  void epochsAllocateNothing() {
    Data data = FitTest.blobs(250);
    Data.Split split = data.split(0.2, 1);
    HandNet net = HandNet.create(3, 2, 16, 1, HandNet.Hidden.RELU, HandNet.Loss.BCE);
    int epochs = WARMUP + WINDOW * WINDOWS;
    Fit fit = Fit.epochs(epochs).batchSize(32).shuffle(true).optimizer(new Adam(1e-4f))
        .validation(split.validation()).metrics(Metric.ACCURACY, Metric.AUC)
        .earlyStopping(epochs).restoreBest(true).schedule(Schedule.exponential(0.9999)).silent();
    AllocatedBytes allocated = new AllocatedBytes();

    Training run = net.begin(split.train(), fit);
    float[] X = run.batchFeatures();
    float[] Y = run.batchTargets();
    int epoch = 0;
    long windowStart = 0;
    List<Double> perEpoch = new ArrayList<>();
    boolean zero = false;
    while (run.nextEpoch()) {
      while (run.nextBatch()) {
        int rows = run.gather(X, Y);
        float cost = net.backpropForTests(X, Y, rows);
        run.step(cost, rows);
      }
      run.epochEnd();
      epoch++;
      if (epoch >= WARMUP && (epoch - WARMUP) % WINDOW == 0) {
        long now = allocated.sinceStart();
        if (epoch > WARMUP) {
          long bytes = now - windowStart;
          perEpoch.add((double) bytes / WINDOW);
          zero |= bytes == 0;
          if (zero) {
            run.stop(); // the steady state is shown; the epoch ends and so does the run
          }
        }
        windowStart = allocated.sinceStart();
      }
    }
    History history = run.end();
    System.out.println("fit, bytes allocated per epoch in windows of " + WINDOW + " epochs after warm-up: " + perEpoch);
    assertEquals(epoch, history.epochs());
    assertEquals(7 * epoch, history.batchLosses().length, "200 rows in batches of 32: 6 full, one of 8");
    assertTrue(zero, "every window of " + WINDOW + " epochs allocated; bytes per epoch: " + perEpoch);
  }

  /** {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} of this thread. */
  static final class AllocatedBytes {
    private final Object bean;
    private final MethodHandle bytes;
    private final long thread = Thread.currentThread().getId();

    AllocatedBytes() {
      try {
        bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
        bytes = MethodHandles.publicLookup().findVirtual(type, "getThreadAllocatedBytes",
            MethodType.methodType(long.class, long.class)).asType(MethodType.methodType(long.class, Object.class,
            long.class));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("no com.sun.management.ThreadMXBean on this JVM", e);
      }
    }

    long sinceStart() {
      try {
        return (long) bytes.invokeExact(bean, thread);
      } catch (Throwable e) {
        throw new AssertionError(e);
      }
    }
  }
}
