package chainrule.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed group of threads that run tasks split into parts: the caller's thread and {@code threads - 1}
 * daemon threads (so they never keep the JVM alive). A task is anything that can run part {@code p} of
 * {@code n} ({@link Task}); the group knows nothing else of it. A generated network hands its group to the
 * kernels, which split their large matrix products with it; it uses {@code Workers.of(1)} unless told
 * otherwise ({@code Net.create(seed).threads(2)}).
 *
 * <p>Handing out work allocates nothing: the caller passes a task it reuses, and the threads wait by
 * spinning, then parking. They spin up to 1 ms after each part, longer than the gaps between the tasks of a
 * training step: waking a parked thread takes ~100 µs on a virtual machine, as long as a medium-sized matrix
 * product takes. Results depend on the thread count only if a task's parts do; the kernels' parts write
 * disjoint elements, each computed exactly as on one thread.
 *
 * <p>Groups are shared: {@code of(n)} returns the same group for the same {@code n}, and a group runs one
 * task at a time (networks trained on different threads at once take turns).
 */
public final class Workers {
  /** What the threads of a group run: part {@code part} of {@code parts}, 0 on the caller's thread. */
  public interface Task {
    void run(int part, int parts);
  }

  /** How long a thread spins for the next task (or the caller for the helpers) before it parks. */
  private static final long SPIN_NANOS = 1_000_000;
  private static final Workers ONE = new Workers(1);
  private static final Workers[] GROUPS = new Workers[65];

  /**
   * The group of {@code threads} threads (1 to 64), counting the caller's. More threads than cores only slow
   * a step down: waiting threads spin.
   */
  public static Workers of(int threads) {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be in [1, 64], was " + threads);
    }
    if (threads == 1) {
      return ONE;
    }
    synchronized (GROUPS) {
      if (GROUPS[threads] == null) {
        GROUPS[threads] = new Workers(threads);
      }
      return GROUPS[threads];
    }
  }

  private final int threads;
  private final Thread[] helpers;
  private volatile Task task;
  /**
   * The task's generation (bumped once per task) and its number of parts, {@code generation << 8 | parts},
   * in one word so that a helper reads them together: a helper that is not among a task's parts may see the
   * next task's fields, but never a generation with another task's count of parts.
   */
  private volatile long state;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Thread caller;
  private volatile Throwable failure;

  private Workers(int threads) {
    this.threads = threads;
    this.helpers = new Thread[threads - 1];
    for (int i = 0; i < helpers.length; i++) {
      int part = i + 1;
      Thread thread = new Thread(() -> work(part), "chainrule-worker-" + threads + "-" + part);
      thread.setDaemon(true);
      helpers[i] = thread;
      thread.start();
    }
  }

  /** Threads in this group, counting the caller's. */
  public int threads() {
    return threads;
  }

  /**
   * Runs parts {@code 1 .. parts - 1} of {@code task} on helper threads and part 0 on this thread, and
   * returns when all are done; rethrows the first failure of any part.
   */
  public synchronized void run(Task task, int parts) {
    if (parts < 1 || parts > threads) {
      throw new IllegalArgumentException("parts must be in [1, " + threads + "], was " + parts);
    }
    if (parts == 1) {
      task.run(0, 1);
      return;
    }
    this.task = task;
    this.failure = null;
    this.caller = Thread.currentThread();
    pending.set(parts - 1);
    state = ((state >>> 8) + 1) << 8 | parts; // publishes the fields above to the helpers
    for (int i = 0; i < parts - 1; i++) {
      LockSupport.unpark(helpers[i]);
    }
    try {
      task.run(0, parts);
    } finally {
      long start = System.nanoTime();
      while (pending.get() != 0) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, SPIN_NANOS);
        }
      }
      this.task = null;
    }
    Throwable thrown = failure;
    if (thrown != null) {
      failure = null;
      if (thrown instanceof RuntimeException) {
        throw (RuntimeException) thrown;
      }
      throw (Error) thrown;
    }
  }

  private void work(int part) {
    long seen = 0; // the last generation this thread has seen
    while (true) {
      long start = System.nanoTime();
      long current;
      while ((current = state) >>> 8 == seen) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      seen = current >>> 8;
      int parts = (int) (current & 0xff);
      if (part < parts) { // then the caller waits for this part: task is this generation's
        try {
          task.run(part, parts);
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Workers(" + threads + ")";
  }
}
