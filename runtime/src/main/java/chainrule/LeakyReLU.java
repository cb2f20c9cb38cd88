package chainrule;

/**
 * Element-wise activation layer for a {@link Network}, {@code torch.nn.LeakyReLU(negative_slope)}:
 * {@code leakyRelu(x) = x if x > 0 else negativeSlope·x}; {@code leakyRelu'(x) = 1 if x > 0 else negativeSlope}
 * (at 0 too, like PyTorch). Declare it as {@code @Layer LeakyReLU leaky1;} for PyTorch's slope 0.01, or
 * {@code @Layer(negativeSlope = 0.2) LeakyReLU leaky1;}. Takes no sizes and holds no parameters; the generated
 * code calls its kernels in {@code chainrule.internal.Kernels}.
 */
public final class LeakyReLU {
  private final double negativeSlope;

  /** A LeakyReLU with this slope for negative inputs; finite and not negative. */
  public LeakyReLU(double negativeSlope) {
    if (!(negativeSlope >= 0) || Double.isInfinite(negativeSlope)) {
      throw new IllegalArgumentException("negativeSlope must be finite and >= 0, was " + negativeSlope);
    }
    this.negativeSlope = negativeSlope;
  }

  /** The slope for negative inputs, as declared in {@code @Layer(negativeSlope = …)}. */
  public double negativeSlope() {
    return negativeSlope;
  }

  @Override
  public String toString() {
    return "LeakyReLU(negativeSlope = " + negativeSlope + ")";
  }
}
