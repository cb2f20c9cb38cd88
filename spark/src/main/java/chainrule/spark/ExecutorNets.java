package chainrule.spark;

import chainrule.Net;

/**
 * The network each executor thread computes with. In {@code local[*]} (and in every executor) tasks are
 * threads of one JVM, so a network is never shared between threads: each thread builds its own from the
 * factory, once per training run, and reuses it for every step of that run (its buffers stay allocated). A
 * thread runs one task at a time, so no two tasks ever use one instance at once. The last run's network stays
 * with its thread (its buffers too) until the next run on that thread replaces it.
 */
final class ExecutorNets {
  private static final ThreadLocal<Entry> NET = new ThreadLocal<>();

  /** What a thread keeps for one run: its network and the gradients it returns. */
  record Entry(String run, Net net, GradientCopy gradients) {}

  private ExecutorNets() {}

  /** This thread's network and buffers for training run {@code run}; a new run replaces the last one's. */
  static Entry entry(String run, NetFactory<?> factory) {
    Entry entry = NET.get();
    if (entry == null || !entry.run().equals(run)) {
      Net net = factory.create();
      if (net == null) { // it gave a network on the driver (SparkTrainer checks), but not here
        throw new IllegalStateException("the factory returned null on an executor (it returned a network on the "
            + "driver); it must build the network wherever it runs, from nothing but what it captures");
      }
      entry = new Entry(run, net, new GradientCopy());
      NET.set(entry);
    }
    return entry;
  }
}
