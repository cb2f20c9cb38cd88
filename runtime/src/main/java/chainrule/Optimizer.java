package chainrule;

/**
 * Updates a network's parameters from its gradients. Both arrays have one flat layout (see
 * {@link Linear}), so an optimizer is one loop over them; an optimizer with state (momentum, Adam's
 * moments) keeps it in arrays of the same layout.
 */
public interface Optimizer {
  /** One update of {@code params} from {@code grads}, which have the same length and layout. */
  void step(float[] params, float[] grads);
}
