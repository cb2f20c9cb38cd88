package chainrule.internal;

import chainrule.Monitor;
import chainrule.Schedule;

/**
 * A {@link Schedule} at work: the rate of each epoch, and for {@code reduceOnPlateau} the state that
 * PyTorch's {@code ReduceLROnPlateau} keeps (best value, bad epochs, cooldown), which a backup carries.
 */
final class RateSchedule {
  private final Schedule schedule;
  private final Monitor.Mode mode;
  double base; // the optimizer's rate when training started
  double best; // plateau: the best monitored value so far
  int badEpochs;
  int cooldownLeft;

  RateSchedule(Schedule schedule, Monitor.Mode mode, float base) {
    this.schedule = schedule;
    this.mode = mode;
    this.base = base;
    this.best = mode == Monitor.Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** The rate of the epoch after {@code epochsDone} epochs, given the rate so far. */
  float rateFor(int epochsDone, float current) {
    return schedule.kind() == Schedule.Kind.PLATEAU ? current : (float) schedule.rate(epochsDone, base);
  }

  /**
   * After an epoch whose monitored value was {@code value}: the rate of the next one. Only a plateau
   * schedule changes it here, as {@code ReduceLROnPlateau.step(value)}: a relative improvement resets
   * the count of bad epochs; more than {@code patience} of them multiply the rate by {@code factor} (not
   * below {@code minRate}, and only if that changes it by more than 1e-8), then {@code cooldown} epochs
   * count as good.
   */
  float afterEpoch(float value, float current) {
    if (schedule.kind() != Schedule.Kind.PLATEAU) {
      return current;
    }
    double threshold = schedule.threshold();
    boolean better = mode == Monitor.Mode.MIN ? value < best * (1 - threshold) : value > best * (1 + threshold);
    if (better) {
      best = value;
      badEpochs = 0;
    } else {
      badEpochs++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      badEpochs = 0;
    }
    if (badEpochs > schedule.period()) {
      badEpochs = 0;
      cooldownLeft = schedule.cooldown();
      double reduced = Math.max(current * schedule.factor(), schedule.minRate());
      if (current - reduced > 1e-8) {
        return (float) reduced;
      }
    }
    return current;
  }
}
