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
