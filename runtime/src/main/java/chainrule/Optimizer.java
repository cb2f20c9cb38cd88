package chainrule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Updates a network's parameters from its gradients. Both arrays have one flat layout (see
 * {@link Linear}), so an optimizer is one loop over them; an optimizer with state (momentum, Adam's
 * moments) keeps it in arrays of the same layout, and belongs to the one network whose parameters it first
 * updated.
 *
 * <p>Only {@link #step} must be written; the rest lets {@code fit} schedule the learning rate
 * ({@link #learningRate}, {@link #setLearningRate}), check before its first step that the optimizer may
 * update this network ({@link #bind}) and carry the optimizer's state through a backup
 * ({@link #writeState}, {@link #readState}).
 */
public interface Optimizer {
  /** One update of {@code params} from {@code grads}, which have the same length and layout. */
  void step(float[] params, float[] grads);

  /** The learning rate the next step uses. Needed by learning-rate schedules. */
  default float learningRate() {
    throw new UnsupportedOperationException(
        this + " does not tell its learning rate; implement learningRate() and setLearningRate(float)");
  }

  /** Changes the learning rate of the next steps, keeping every other state (moments, step count). */
  default void setLearningRate(float lr) {
    throw new UnsupportedOperationException(
        this + " cannot change its learning rate; implement learningRate() and setLearningRate(float)");
  }

  /**
   * Makes {@code params} the parameters this optimizer updates. An optimizer with state accepts only the
   * array it was bound to first (its state has that array's layout and history) and throws
   * {@link IllegalStateException} for any other; a stateless one accepts any. {@link #step} binds too.
   */
  default void bind(float[] params) {}

  /**
   * Writes what this optimizer needs to continue exactly where it is: its learning rate and, for an
   * optimizer with state, its step count and state arrays. Nothing by default.
   */
  default void writeState(DataOutput out) throws IOException {}

  /**
   * Continues from a state written by {@link #writeState}, for the parameters {@code params} (it binds to
   * them). Reads the whole state before it changes anything: if the state does not fit, it throws
   * {@link IllegalArgumentException} and this optimizer is as it was.
   */
  default void readState(DataInput in, float[] params) throws IOException {}
}
