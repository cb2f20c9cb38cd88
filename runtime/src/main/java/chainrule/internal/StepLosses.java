package chainrule.internal;

import java.util.Arrays;

/**
 * Every step's loss, in order, in a buffer that grows with the run: a run of many epochs that early stopping
 * ends soon ({@code Fit.epochs(1_000_000).earlyStopping(5)}) holds only the steps it took, not a float for
 * every step it might have taken. One JVM's {@link Training} and chainrule-spark's driver loop keep theirs here.
 */
public final class StepLosses {
  /** Floats held before the first step: enough for most runs, 256 kB at most. */
  private static final int INITIAL = 1 << 16;

  private final long maxSteps;
  private float[] values;

  /** For a run of at most {@code maxSteps} steps ({@link FitRules#checkSteps} keeps it an array's length). */
  public StepLosses(long maxSteps) {
    this.maxSteps = maxSteps;
    this.values = new float[(int) Math.min(maxSteps, INITIAL)];
  }

  /** The steps the run can take: epochs × batches. */
  long maxSteps() {
    return maxSteps;
  }

  /**
   * Step {@code step}'s loss. Past the first 65,536 steps the buffer doubles when full, inside a step: a copy
   * of all the losses once per doubling, about 8 bytes a step over a run (a step itself allocates nothing).
   */
  public void set(long step, float loss) {
    if (step >= values.length) {
      values = Arrays.copyOf(values, (int) Math.min(maxSteps, Math.max(step + 1, 2L * values.length)));
    }
    values[(int) step] = loss;
  }

  /** The first {@code steps} losses, a copy. */
  public float[] first(long steps) {
    return Arrays.copyOf(values, (int) steps);
  }

  /** Sets the first {@code losses.length} losses, as a backup had them. */
  void restore(float[] losses) {
    if (losses.length > values.length) {
      values = Arrays.copyOf(values, losses.length);
    }
    System.arraycopy(losses, 0, values, 0, losses.length);
  }
}
