package chainrule.internal.fast;

/** A child JVM of {@link VectorWarmupTest}: prints whether it compiles with C2, then whether the warm-up ends. */
public final class VectorWarmupChild {
  private VectorWarmupChild() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("c2 " + VectorWarmup.c2());
    VectorWarmup.warm(); // starts the thread (or it has ended already, if there is nothing for it to do)
    boolean alive = false;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("chainrule-vector-warmup")) {
        thread.join(5_000); // without C2 it ends at once; with C2 it would sleep, then run its rounds
        alive = thread.isAlive();
      }
    }
    System.out.println("thread alive " + alive + ", warm " + VectorWarmup.isWarm());
  }
}
