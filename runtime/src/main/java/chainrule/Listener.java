package chainrule;

import java.util.function.Consumer;

/**
 * Called by {@code fit} after every step and every epoch, with the run's {@link Status}; call
 * {@link Status#stop()} to end training (after this batch, or after this epoch). Listeners run on the
 * training thread, between steps: what they allocate is theirs ({@code fit} itself allocates nothing per
 * step or per epoch).
 */
public interface Listener {
  /** After each step, the batch's loss in {@link Status#batchLoss()}. */
  default void batchEnd(Status status) {}

  /** After each epoch, once its losses and metrics are in {@link Status#history()}. */
  default void epochEnd(Status status) {}

  /** A listener that acts after every epoch: {@code Listener.onEpochEnd(s -> log(s.history()))}. */
  static Listener onEpochEnd(Consumer<Status> action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    return new Listener() {
      @Override
      public void epochEnd(Status status) {
        action.accept(status);
      }
    };
  }

  /** A listener that acts after every step. */
  static Listener onBatchEnd(Consumer<Status> action) {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    return new Listener() {
      @Override
      public void batchEnd(Status status) {
        action.accept(status);
      }
    };
  }
}
