package chainrule.internal;

import chainrule.Fit;
import chainrule.Monitor;
import chainrule.Optimizer;
import chainrule.Schedule;
import java.util.Locale;

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

  /**
   * A schedule needs an optimizer with a learning rate, and must keep the rate a finite float over the run:
   * checked before the first step. A step or exponential schedule moves the rate one way, a cosine one between
   * the base rate and its minimum, so the last epoch's rate and the minimum tell; a plateau's only goes down.
   */
  public static void checkSchedule(Fit fit) {
    Schedule schedule = fit.schedule();
    if (schedule == null) {
      return;
    }
    float base;
    try {
      base = fit.optimizer().learningRate();
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("a schedule needs an optimizer with a learning rate; "
          + fit.optimizer() + " has none (" + e.getMessage() + ")");
    }
    if (schedule.kind() == Schedule.Kind.PLATEAU) {
      return;
    }
    if (schedule.kind() == Schedule.Kind.COSINE && !Float.isFinite((float) schedule.minRate())) {
      throw new IllegalArgumentException(schedule + ": minRate " + schedule.minRate() + " is past a float's range");
    }
    int last = fit.epochs() - 1;
    double rate = schedule.rate(last, base);
    if (!Float.isFinite((float) rate)) {
      throw new IllegalArgumentException(schedule + " takes the learning rate from " + base + " to "
          + String.format(Locale.ROOT, "%.3g", rate) + " by epoch " + (last + 1)
          + ", past a float's range; use a gamma nearer 1 or fewer epochs");
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
