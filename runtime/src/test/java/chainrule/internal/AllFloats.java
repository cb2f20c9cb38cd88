package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Every one of the 2^32 floats through a check, on every core: chunks of 2^20 floats, each through a checker of
 * its own, merged at the end. For the opt-in exhaustive tests of the fast float functions.
 */
final class AllFloats {
  private AllFloats() {}

  /** Takes floats, and keeps what it found. */
  interface Checker<C extends Checker<C>> {
    void add(float x);

    /** After a chunk's last float: a checker that keeps floats for a batch checks the rest here. */
    default void flush() {}

    void merge(C other);

    /** How many floats it checked. */
    long checked();

    /** What it found, in a line. */
    String summary();
  }

  /** Every 1031st float's bit pattern, from 0: a sample of all ranges, NaNs and infinities included. */
  static void addEvery1031st(Checker<?> checker) {
    for (long bits = 0; bits < 1L << 32; bits += 1031) {
      checker.add(Float.intBitsToFloat((int) bits));
    }
  }

  /** Every float within {@code near} floats of each edge and of its negative. */
  static void addNear(Checker<?> checker, float[] edges, int near) {
    for (float edge : edges) {
      for (float sign : new float[] {1f, -1f}) {
        int center = Float.floatToRawIntBits(sign * edge);
        for (int d = -near; d <= near; d++) {
          checker.add(Float.intBitsToFloat(center + d));
        }
      }
    }
  }

  /**
   * Every float through checkers made by {@code checkers}; returns them merged into one, having printed what they
   * found and how long it took, after {@code test}'s name.
   */
  static <C extends Checker<C>> C check(String test, Supplier<C> checkers) throws Exception {
    long start = System.nanoTime();
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<C>> parts = new ArrayList<>();
      for (int c = 0; c < 1 << 12; c++) {
        long from = (long) c << 20;
        parts.add(pool.submit(() -> {
          C checker = checkers.get();
          for (long bits = from; bits < from + (1 << 20); bits++) {
            checker.add(Float.intBitsToFloat((int) bits));
          }
          checker.flush();
          return checker;
        }));
      }
      C all = checkers.get();
      for (Future<C> part : parts) {
        all.merge(part.get());
      }
      System.out.printf(Locale.ROOT, "%s: all 2^32 floats on %d threads in %.0f s; %s%n", test, threads,
          (System.nanoTime() - start) / 1e9, all.summary());
      assertEquals(1L << 32, all.checked(), "floats checked");
      return all;
    } finally {
      pool.shutdown();
    }
  }
}
