package chainrule.internal;

import chainrule.Monitor;

/**
 * The best epoch by the monitored value, and how many epochs have passed without improving on it (Keras'
 * {@code EarlyStopping}): an epoch improves when its value beats the best by more than {@code minDelta}
 * ({@code value < best - minDelta} for MIN, {@code value > best + minDelta} for MAX). The first finite
 * value always improves; NaN never does. Used by {@link Training} and by chainrule-spark's driver loop.
 */
public final class Best {
  private final Monitor.Mode mode;
  private final float minDelta;
  float value = Float.NaN;
  int epoch; // from 1; 0: none yet
  int wait;

  public Best(Monitor.Mode mode, float minDelta) {
    this.mode = mode;
    this.minDelta = minDelta;
  }

  /** Records epoch {@code epoch}'s value; true if it is the new best. */
  public boolean offer(float v, int epoch) {
    boolean improved = !Float.isNaN(v) && (this.epoch == 0
        || (mode == Monitor.Mode.MIN ? v < value - minDelta : v > value + minDelta));
    if (improved) {
      value = v;
      this.epoch = epoch;
      wait = 0;
    } else {
      wait++;
    }
    return improved;
  }

  /** The best epoch so far, from 1; 0 before any finite value. */
  public int epoch() {
    return epoch;
  }

  /** Epochs since the best one. */
  public int waited() {
    return wait;
  }
}
