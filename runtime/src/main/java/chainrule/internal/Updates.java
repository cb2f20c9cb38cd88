package chainrule.internal;

import chainrule.Optimizer;

/**
 * The optimizer's update at the end of a training step, split between the threads of the network's
 * {@link Workers} when there are many parameters. An update is a pass over every parameter that reads its
 * gradient and its own state and nothing else ({@code p = fma(-lr, g, p)}; Adam's moments), so any range of
 * it can run on any thread, in any order, with the same result: each element is computed exactly as on one
 * thread. Optimizers that say so ({@link Elementwise}: {@link chainrule.Sgd}, {@link chainrule.Adam}) are
 * split; any other runs its own {@link Optimizer#step} on the caller's thread.
 *
 * <p>Why: on two threads, {@code large}'s products run split while SGD's pass over 1.6 M parameters (19 MB of
 * memory traffic) stayed on the caller's thread, ~0.4 ms of a 13 ms step.
 */
public final class Updates {
  private Updates() {}

  /**
   * Parameters each thread must get for an update to be split: ~20–60 µs of work, against a few µs to hand
   * out a part while the helpers spin between the products of a step.
   */
  static final int PER_THREAD = 1 << 17;
  /**
   * Parts start at multiples of this many floats (64 bytes): two threads share at most the cache line where
   * one's part ends and the next one's begins.
   */
  private static final int ALIGN = 16;
  private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);

  /**
   * An optimizer whose update is element by element. Generated networks call these through {@link #step};
   * {@link Optimizer#step} is {@code begin} then {@code update} over all the parameters.
   */
  public interface Elementwise {
    /** Checks the arrays and starts a step: binds, counts the step, computes its constants. */
    void begin(float[] params, float[] grads);

    /** Updates parameters {@code from .. to - 1} with the step {@link #begin} started; any range, any thread. */
    void update(float[] params, float[] grads, int from, int to);
  }

  /**
   * {@code optimizer.step(params, grads)}, split between the threads of {@code workers} if the optimizer is
   * {@link Elementwise} and the parameters are at least {@link #PER_THREAD} a thread; bit for bit the same.
   */
  public static void step(Optimizer optimizer, float[] params, float[] grads, Workers workers) {
    int parts = Math.min(workers.threads(), params.length / PER_THREAD);
    if (parts < 2 || !(optimizer instanceof Elementwise)) {
      optimizer.step(params, grads);
      return;
    }
    Elementwise elementwise = (Elementwise) optimizer;
    elementwise.begin(params, grads);
    Job job = JOB.get();
    job.optimizer = elementwise;
    job.params = params;
    job.grads = grads;
    try {
      workers.run(job, parts);
    } finally {
      job.optimizer = null; // the reused job keeps no network's arrays alive
      job.params = null;
      job.grads = null;
    }
  }

  /** Part {@code part} of {@code parts} of an update: a range from a multiple of 16 floats (the last takes the rest). */
  private static final class Job implements Workers.Task {
    Elementwise optimizer;
    float[] params;
    float[] grads;

    @Override
    public void run(int part, int parts) {
      int n = params.length;
      int from = (int) ((long) n * part / parts) & -ALIGN;
      int to = part == parts - 1 ? n : (int) ((long) n * (part + 1) / parts) & -ALIGN;
      optimizer.update(params, grads, from, to);
    }
  }
}
