package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread groups that share a step's matrix products. */
class WorkersTest {

  @Test
  void everyPartRunsOnceAndTheCallerRunsPartZero() {
    Workers workers = Workers.of(3);
    for (int round = 0; round < 200; round++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(3);
      Thread caller = Thread.currentThread();
      Thread[] ranOn = new Thread[3];
      workers.run((part, parts) -> {
        assertEquals(3, parts);
        runs.incrementAndGet(part);
        ranOn[part] = Thread.currentThread();
      }, 3);
      for (int part = 0; part < 3; part++) {
        assertEquals(1, runs.get(part), "part " + part + " in round " + round);
      }
      assertSame(caller, ranOn[0]);
    }
  }

  @Test
  void fewerPartsThanThreadsInQuickSuccessionRunEachPartOnce() {
    // a helper left out of one task must not take the next task's count of parts for the one it saw
    Workers workers = Workers.of(4);
    for (int round = 0; round < 1_000; round++) {
      int parts = 2 + round % 3;
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      workers.run((part, n) -> runs.incrementAndGet(part), parts);
      for (int part = 0; part < 4; part++) {
        assertEquals(part < parts ? 1 : 0, runs.get(part), "part " + part + " of " + parts + ", round " + round);
      }
    }
  }

  @Test
  void helpersAreDaemonsAndGroupsAreShared() {
    assertSame(Workers.of(2), Workers.of(2));
    assertEquals(2, Workers.of(2).threads());
    Workers.of(2).run((part, parts) -> {
      if (part == 1) {
        assertTrue(Thread.currentThread().isDaemon(), "a helper must not keep the JVM alive");
      }
    }, 2);
  }

  @Test
  void aFailingPartFailsTheCallAndLeavesTheGroupUsable() {
    Workers workers = Workers.of(2);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workers.run((part, parts) -> {
      if (part == 1) {
        throw new IllegalStateException("part 1");
      }
    }, 2));
    assertEquals("part 1", thrown.getMessage());
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    workers.run((part, parts) -> runs.incrementAndGet(part), 2);
    assertEquals(1, runs.get(1));
  }

  @Test
  void threadCountIsChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
    assertEquals("threads must be in [1, 64], was 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Workers.of(65));
  }
}
