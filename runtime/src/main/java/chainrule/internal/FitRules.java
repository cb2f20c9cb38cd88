package chainrule.internal;

import chainrule.Fit;
import chainrule.Monitor;
import chainrule.Optimizer;

/**
 * What a training loop reads off a {@link Fit} the same way wherever it runs: one JVM's {@link Training}, and
 * chainrule-spark's driver loop.
 */
public final class FitRules {
  private FitRules() {}

  /** The monitored value: the one {@code fit} names, else the validation loss if there is validation, else the loss. */
  public static Monitor monitor(Fit fit, boolean validation) {
    return fit.monitor() != null ? fit.monitor() : validation ? Monitor.VAL_LOSS : Monitor.LOSS;
  }

  /** Whether {@code optimizer} reports a learning rate (the history's {@code lr} column, schedules). */
  public static boolean tellsRate(Optimizer optimizer) {
    try {
      optimizer.learningRate();
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /** A schedule needs an optimizer with a learning rate: checked before the first step. */
  public static void checkSchedule(Fit fit) {
    if (fit.schedule() != null) {
      try {
        fit.optimizer().learningRate();
      } catch (UnsupportedOperationException e) {
        throw new IllegalArgumentException("a schedule needs an optimizer with a learning rate; "
            + fit.optimizer() + " has none (" + e.getMessage() + ")");
      }
    }
  }

  /** A run's steps must fit in its history's array of step losses: checked before the first step. */
  public static void checkSteps(int epochs, long batches) {
    if (batches * epochs > Buffers.MAX_LENGTH) {
      throw new IllegalArgumentException(epochs + " epochs of " + batches
          + " steps are more steps than the history can hold (" + Buffers.MAX_LENGTH + ")");
    }
  }
}
