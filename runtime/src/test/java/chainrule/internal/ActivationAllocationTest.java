package chainrule.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * σ and tanh allocate nothing once compiled: in place inside a step of a σ network, as the fused Linear kernels
 * call σ, and tanh alone. Measured as {@link FitAllocationTest} measures epochs: one window of zero bytes after
 * warm-up shows the steady state allocates nothing. Times are never asserted. (A version of σ and tanh on
 * Vector API doubles failed this, in one run of the suite in three: C2 17 compiled it, in some callers, to code
 * that allocated ~380 bytes a vector; BENCHMARKS.md, round 7.)
 */
class ActivationAllocationTest {
  private static final int WARMUP = 20_000;
  private static final int WINDOW = 2_000;
  private static final int WINDOWS = 40;

  @Test
  void aSigmoidNetworksStepsAllocateNothing() {
    int rows = 32;
    HandNet net = HandNet.create(7, 3, 64, 1, HandNet.Hidden.SIGMOID, HandNet.Loss.BCE); // σ over 2,048 values
    SplittableRandom random = new SplittableRandom(3);
    float[] x = new float[rows * 3];
    float[] y = new float[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-3, 3);
    }
    for (int r = 0; r < rows; r++) {
      y[r] = r % 2;
    }
    assertAllocatesNothing("a step of a 3-64-1 σ network", () -> net.backpropForTests(x, y, rows));
  }

  @Test
  void tanhInPlaceAllocatesNothing() {
    float[] l = new float[256];
    for (int i = 0; i < l.length; i++) {
      l[i] = (i % 13 - 6) * 0.5f; // 0 among them: tanh rounds it to 0 without the polynomial
    }
    float[] a = new float[l.length];
    assertAllocatesNothing("tanh of 256 values in place", () -> {
      System.arraycopy(l, 0, a, 0, l.length);
      Kernels.tanhForward(a, a, a.length);
    });
  }

  private static void assertAllocatesNothing(String what, Runnable call) {
    for (int i = 0; i < WARMUP; i++) {
      call.run();
    }
    FitAllocationTest.AllocatedBytes allocated = new FitAllocationTest.AllocatedBytes();
    List<Double> perCall = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      long before = allocated.sinceStart();
      for (int i = 0; i < WINDOW; i++) {
        call.run();
      }
      long bytes = allocated.sinceStart() - before;
      if (bytes == 0) {
        return;
      }
      perCall.add((double) bytes / WINDOW);
    }
    fail(what + " allocates in every window of " + WINDOW + " calls; bytes a call: " + perCall);
  }
}
