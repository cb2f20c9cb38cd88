package chainrule;

import static chainrule.internal.Checks.positive;

/**
 * A learning-rate schedule: the rate of each epoch, set on the optimizer before the epoch starts (its
 * other state, such as Adam's moments, is kept). Like PyTorch's schedulers stepped once per epoch, with
 * {@code base} the optimizer's rate when {@code fit} starts:
 *
 * <ul>
 *   <li>{@link #step}: {@code StepLR(step_size, gamma)}, {@code base · gamma^⌊e / step⌋};
 *   <li>{@link #exponential}: {@code ExponentialLR(gamma)}, {@code base · gamma^e};
 *   <li>{@link #cosine}: {@code CosineAnnealingLR(T_max, eta_min)},
 *       {@code min + (base - min) · (1 + cos(π · e / T_max)) / 2};
 *   <li>{@link #reduceOnPlateau}: {@code ReduceLROnPlateau}, the rate times {@code factor} when the
 *       {@link Fit#monitor monitored} value has not improved (relatively, by {@code threshold}) for more
 *       than {@code patience} epochs, then {@code cooldown} epochs of rest; never below {@code minRate}.
 * </ul>
 *
 * where {@code e} counts the epochs already done (0 for the first). The closed forms are evaluated in
 * double; PyTorch's chained forms agree with them to the last bits of a double.
 */
public final class Schedule {
  /** Which schedule. */
  public enum Kind {
    STEP,
    EXPONENTIAL,
    COSINE,
    PLATEAU
  }

  private final Kind kind;
  private final int period; // STEP: epochs per decay; COSINE: T_max; PLATEAU: patience
  private final double factor; // STEP, EXPONENTIAL: gamma; PLATEAU: factor
  private final double minRate; // COSINE: eta_min; PLATEAU: min_lr
  private final double threshold; // PLATEAU, relative
  private final int cooldown; // PLATEAU

  private Schedule(Kind kind, int period, double factor, double minRate, double threshold, int cooldown) {
    this.kind = kind;
    this.period = period;
    this.factor = factor;
    this.minRate = minRate;
    this.threshold = threshold;
    this.cooldown = cooldown;
  }

  /** {@code StepLR}: the rate times {@code gamma} every {@code everyEpochs} epochs. */
  public static Schedule step(int everyEpochs, double gamma) {
    positive("everyEpochs", everyEpochs);
    return new Schedule(Kind.STEP, everyEpochs, gamma(gamma), 0, 0, 0);
  }

  /** {@code ExponentialLR}: the rate times {@code gamma} every epoch. */
  public static Schedule exponential(double gamma) {
    return new Schedule(Kind.EXPONENTIAL, 1, gamma(gamma), 0, 0, 0);
  }

  /** {@code CosineAnnealingLR}: from the base rate down to {@code minRate} over {@code epochs} epochs (then back up). */
  public static Schedule cosine(int epochs, double minRate) {
    positive("epochs", epochs);
    if (!(minRate >= 0) || Double.isInfinite(minRate)) {
      throw new IllegalArgumentException("minRate must be finite and >= 0, was " + minRate);
    }
    return new Schedule(Kind.COSINE, epochs, 0, minRate, 0, 0);
  }

  /**
   * {@code ReduceLROnPlateau(factor, patience)} with PyTorch's other defaults: relative threshold 1e-4,
   * cooldown 0, minimum rate 0. Its mode follows the {@link Fit#monitor monitor}.
   */
  public static Schedule reduceOnPlateau(double factor, int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, was " + patience);
    }
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1), was " + factor);
    }
    return new Schedule(Kind.PLATEAU, patience, factor, 0, 1e-4, 0);
  }

  /** A plateau schedule that rests {@code epochs} epochs after each reduction. */
  public Schedule cooldown(int epochs) {
    requirePlateau("cooldown");
    if (epochs < 0) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + epochs);
    }
    return new Schedule(kind, period, factor, minRate, threshold, epochs);
  }

  /** A plateau schedule that never reduces the rate below {@code rate}. */
  public Schedule minRate(double rate) {
    requirePlateau("minRate");
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("minRate must be finite and >= 0, was " + rate);
    }
    return new Schedule(kind, period, factor, rate, threshold, cooldown);
  }

  /** A plateau schedule for which an improvement must beat the best by this fraction of it (default 1e-4). */
  public Schedule threshold(double fraction) {
    requirePlateau("threshold");
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1), was " + fraction);
    }
    return new Schedule(kind, period, factor, minRate, fraction, cooldown);
  }

  /**
   * The rate of the epoch after {@code epochsDone} epochs, for the closed-form schedules (not
   * {@link Kind#PLATEAU}, whose rate depends on the monitored values).
   */
  public double rate(int epochsDone, double base) {
    if (epochsDone < 0) {
      throw new IllegalArgumentException("epochsDone must be >= 0, was " + epochsDone);
    }
    if (!(base >= 0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("base must be finite and >= 0, was " + base);
    }
    return switch (kind) {
      case STEP -> base * Math.pow(factor, epochsDone / period);
      case EXPONENTIAL -> base * Math.pow(factor, epochsDone);
      case COSINE -> minRate + (base - minRate) * (1 + Math.cos(Math.PI * epochsDone / period)) / 2;
      case PLATEAU -> throw new IllegalStateException("a plateau schedule's rate depends on the monitored values");
    };
  }

  public Kind kind() {
    return kind;
  }

  /** STEP: epochs per decay; COSINE: {@code T_max}; PLATEAU: patience. */
  public int period() {
    return period;
  }

  /** STEP, EXPONENTIAL: gamma; PLATEAU: the factor. */
  public double factor() {
    return factor;
  }

  /** COSINE, PLATEAU: the lowest rate. */
  public double minRate() {
    return minRate;
  }

  /** PLATEAU: the relative improvement that counts. */
  public double threshold() {
    return threshold;
  }

  /** PLATEAU: epochs of rest after a reduction. */
  public int cooldown() {
    return cooldown;
  }

  private void requirePlateau(String what) {
    if (kind != Kind.PLATEAU) {
      throw new IllegalStateException(what + " applies to reduceOnPlateau schedules, this is " + this);
    }
  }

  private static double gamma(double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("gamma must be finite and > 0, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STEP -> "Schedule.step(" + period + ", " + factor + ")";
      case EXPONENTIAL -> "Schedule.exponential(" + factor + ")";
      case COSINE -> "Schedule.cosine(" + period + ", " + minRate + ")";
      case PLATEAU -> "Schedule.reduceOnPlateau(" + factor + ", " + period + ").cooldown(" + cooldown
          + ").minRate(" + minRate + ").threshold(" + threshold + ")";
    };
  }
}
