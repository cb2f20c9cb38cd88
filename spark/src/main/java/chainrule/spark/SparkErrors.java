package chainrule.spark;

import java.util.function.Supplier;

/**
 * A task that throws fails its Spark job with a {@code SparkException} that carries the task's exception as
 * its cause. A bad row is the caller's mistake, so its IllegalArgumentException is rethrown as itself, with
 * its message, not buried in Spark's.
 */
final class SparkErrors {
  private SparkErrors() {}

  static <T> T unwrap(Supplier<T> job) {
    try {
      return job.get();
    } catch (Exception e) { // SparkException is checked, though Scala's methods do not declare it
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IllegalArgumentException bad) {
          throw new IllegalArgumentException(bad.getMessage(), e);
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
