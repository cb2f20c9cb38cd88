package chainrule;

/**
 * Thrown by {@code fit} when a step's loss or gradient is not finite (NaN or infinite): training stops
 * before that step's update, and the network's parameters are put back to those of the last good epoch
 * (its start, if the first epoch diverged). Usually the learning rate is too high.
 */
public final class DivergenceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;
  private final int epoch;
  private final int batch;
  private final long step;
  private final String parameter;
  private final transient History history;

  /** Built by the runtime's training driver. */
  public DivergenceException(String message, int epoch, int batch, long step, String parameter, History history) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
    this.step = step;
    this.parameter = parameter;
    this.history = history;
  }

  /** The epoch of the bad step, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The bad step's batch within its epoch, from 1. */
  public int batch() {
    return batch;
  }

  /** The bad step counted over the whole run, from 1. */
  public long step() {
    return step;
  }

  /** The first parameter block (e.g. {@code linear2.weight}) whose gradient was not finite; null if all were. */
  public String parameter() {
    return parameter;
  }

  /** The history of the good epochs before it. */
  public History history() {
    return history;
  }
}
