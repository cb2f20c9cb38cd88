package chainrule;

import chainrule.internal.Kernels;

/**
 * Dropout layer for a {@link Network}, {@code torch.nn.Dropout(p)}: in a training step each value is zeroed
 * with probability {@code p} and the others are scaled by {@code 1 / (1 - p)} (inverted dropout), with a mask
 * drawn from the network's generator exactly as PyTorch's {@code bernoulli_} draws from its global one; in
 * {@code forward} it is the identity, as after {@code model.eval()}. The gradient flows through the same mask.
 * Declare it as {@code @Layer Dropout dropout1;} for PyTorch's {@code p = 0.5}, or {@code @Layer(p = 0.3)}.
 * Takes no sizes and holds no parameters.
 */
public final class Dropout {
  private final double p;

  /** A dropout zeroing each value with probability {@code p}, in [0, 1]. */
  public Dropout(double p) {
    Kernels.checkDropoutP(p); // torch's message, as the kernel gives it
    this.p = p;
  }

  /** The probability of zeroing a value in training, as declared in {@code @Layer(p = …)}. */
  public double p() {
    return p;
  }

  @Override
  public String toString() {
    return "Dropout(p = " + p + ")";
  }
}
