package chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Classifier;
import chainrule.Optimizer;
import chainrule.Trainable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates nothing once warmed up: the generated network grows its buffers once, the
 * kernels use per-thread buffers made on first use, and the Vector API's vectors stay in registers once C2
 * has compiled the kernels (run by the interpreter, every vector is an object). Measured with
 * {@code ThreadMXBean.getThreadAllocatedBytes} over windows of steps, counting the worker threads too; one
 * window of zero bytes after warm-up shows the steady state allocates nothing (a window can still catch the
 * JIT recompiling a kernel, when the interpreter runs it for a while). Times are never asserted.
 */
class StepAllocationTest {
  private static final int WINDOWS = 8;

  @Test
  void theVectorApiIsOnSoTheFastKernelsAreMeasured() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "surefire runs with --add-modules jdk.incubator.vector (examples/pom.xml)");
  }

  @Test
  void xorStepAllocatesNothing() {
    assertAllocatesNothing(Case.XOR, 1, 30_000, 5_000);
  }

  @Test
  void mediumStepAllocatesNothing() {
    assertAllocatesNothing(Case.MEDIUM, 1, 1_000, 100);
  }

  @Test
  void mediumStepOnTwoThreadsAllocatesNothing() {
    assertAllocatesNothing(Case.MEDIUM, 2, 1_000, 100);
  }

  @Test
  void mnistNnStepWithCrossEntropyAndAdamAllocatesNothing() {
    assertAllocatesNothing(Case.MNIST_NN, 1, 1_000, 100);
  }

  private static void assertAllocatesNothing(Case c, int threads, int warmup, int window) {
    Runnable step = step(c, threads);
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    com.sun.management.ThreadMXBean threadsBean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = stepThreads();
    List<Double> perStep = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      long before = allocated(threadsBean, ids);
      for (int i = 0; i < window; i++) {
        step.run();
      }
      long allocated = allocated(threadsBean, ids) - before;
      perStep.add((double) allocated / window);
      if (allocated == 0) {
        return;
      }
    }
    throw new AssertionError(c.id + " on " + threads + " threads allocates in every window of " + window
        + " steps; bytes per step: " + perStep);
  }

  /** One training step of {@code c}, as {@link StepBenchmark} runs it. */
  private static Runnable step(Case c, int threads) {
    float[] x = c.x();
    Optimizer optimizer = c.optimizer();
    if (c.classifies()) {
      Classifier net = c.classifier(threads);
      int[] labels = c.labels();
      return () -> net.trainStep(x, labels, c.rows, optimizer);
    }
    Trainable net = c.create(threads);
    float[] y = c.y();
    return () -> net.trainStep(x, y, c.rows, optimizer);
  }

  /** This thread and the workers of every group ({@code chainrule-worker-*}). */
  private static long[] stepThreads() {
    List<Long> ids = new ArrayList<>();
    ids.add(Thread.currentThread().getId());
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("chainrule-worker-")) {
        ids.add(thread.getId());
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** Bytes the threads have allocated so far; one id at a time, as the array form allocates its result. */
  private static long allocated(com.sun.management.ThreadMXBean threadsBean, long[] ids) {
    long sum = 0;
    for (long id : ids) {
      sum += threadsBean.getThreadAllocatedBytes(id);
    }
    return sum;
  }
}
