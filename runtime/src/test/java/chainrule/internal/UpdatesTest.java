package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chainrule.Adam;
import chainrule.Optimizer;
import chainrule.Sgd;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Updates#step} splits an element-wise update between threads and computes exactly what the optimizer's
 * own {@code step} computes, whatever the thread count, over several steps (Adam's moments and step count
 * carry from one to the next).
 */
class UpdatesTest {
  /** Enough parameters for three parts, and a tail that is not a whole cache line. */
  private static final int N = 3 * Updates.PER_THREAD + 5;

  @Test
  void aSplitSgdOrAdamStepIsTheirOwnStepBitForBit() {
    check(() -> new Sgd(0.1f));
    check(() -> new Adam(0.01f));
    check(() -> new Adam(0.001f, 0.8f, 0.99f, 1e-6f));
  }

  private static void check(Supplier<Optimizer> make) {
    for (int threads : new int[] {2, 3}) {
      Optimizer own = make.get();
      Optimizer split = make.get();
      float[] expected = randoms(N, 1);
      float[] params = expected.clone();
      for (int step = 0; step < 3; step++) {
        float[] before = params.clone();
        float[] grads = randoms(N, 10 + step);
        own.step(expected, grads);
        Updates.step(split, params, grads, Workers.of(threads));
        assertArrayEquals(expected, params, split + " step " + step + " on " + threads + " threads");
        assertNotEquals(before[N - 1], params[N - 1], "the tail was updated");
        assertNotEquals(before[0], params[0], "the head was updated");
      }
    }
  }

  @Test
  void theRangesCoverEveryParameterOnceFromMultiplesOf16() {
    // what the equality above cannot show: the update was split at all, into parts on every thread
    for (int threads : new int[] {2, 3}) {
      Recording recording = new Recording();
      Updates.step(recording, new float[N], new float[N], Workers.of(threads));
      assertEquals(1, recording.begun);
      assertEquals(threads, recording.ranges.size(), "parts on " + threads + " threads");
      recording.ranges.sort(java.util.Comparator.comparingInt(range -> range[0]));
      int next = 0;
      for (int[] range : recording.ranges) {
        assertEquals(next, range[0], "ranges meet");
        assertEquals(0, range[0] % 16, "starts at a multiple of 16 floats");
        next = range[1];
      }
      assertEquals(N, next, "the last range ends at the last parameter");
    }
    Recording few = new Recording(); // fewer than PER_THREAD a thread: one range, on this thread
    Updates.step(few, new float[Updates.PER_THREAD], new float[Updates.PER_THREAD], Workers.of(2));
    assertEquals(0, few.ranges.size(), "its own step, not split");
    assertEquals(1, few.steps);
  }

  /** An element-wise optimizer that records what it is asked to do. */
  private static final class Recording implements Optimizer, Updates.Elementwise {
    final java.util.List<int[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    int begun;
    int steps;

    @Override
    public void step(float[] params, float[] grads) {
      steps++;
    }

    @Override
    public void begin(float[] params, float[] grads) {
      begun++;
    }

    @Override
    public void update(float[] params, float[] grads, int from, int to) {
      ranges.add(new int[] {from, to});
    }
  }

  @Test
  void aSplitStepAllocatesNothingOnTheCallersThread() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Adam adam = new Adam(0.01f);
    float[] params = randoms(N, 1);
    float[] grads = randoms(N, 2);
    Workers two = Workers.of(2);
    for (int i = 0; i < 3; i++) {
      Updates.step(adam, params, grads, two); // the thread's job and Adam's moments are made here
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 3; i++) {
      Updates.step(adam, params, grads, two);
    }
    assertEquals(0, threads.getCurrentThreadAllocatedBytes() - before, "bytes allocated by 3 split steps");
  }

  @Test
  void adamRefusesAnUpdateBeforeItsStepBegins() {
    Adam adam = new Adam(0.01f);
    float[] params = new float[4];
    assertThrows(IllegalStateException.class, () -> adam.update(params, new float[4], 0, 4));
    assertArrayEquals(new float[4], params);
  }

  @Test
  void anyOtherOptimizerRunsItsOwnStep() {
    int[] calls = new int[1];
    Optimizer custom = (params, grads) -> calls[0]++;
    Updates.step(custom, new float[N], new float[N], Workers.of(2));
    assertEquals(1, calls[0]);
  }

  @Test
  void mismatchedArraysAreRefusedBeforeAnyThreadRuns() {
    float[] params = new float[N];
    assertThrows(IllegalArgumentException.class,
        () -> Updates.step(new Sgd(1f), params, new float[N - 1], Workers.of(2)));
    assertArrayEquals(new float[N], params);
  }

  private static float[] randoms(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }
}
