package chainrule;

/**
 * A fully connected layer, {@code torch.nn.Linear(in, out)}: {@code y = x·Wᵀ + b}. Declare it in a
 * {@link Network} as {@code @Layer(in = 2, out = 10) Linear linear1;}; the generated network fills the field
 * with a view of its parameters. The weight is {@code out × in}, row-major, as in PyTorch.
 */
public interface Linear {
  /** Input features. */
  int in();

  /** Output features. */
  int out();

  /** A copy of the weight, {@code out × in} row-major. */
  float[] weight();

  /** A copy of the bias, {@code out}. */
  float[] bias();

  /** A copy of the weight's gradient from the last backward pass, {@code out × in} row-major. */
  float[] weightGrad();

  /** A copy of the bias's gradient from the last backward pass, {@code out}. */
  float[] biasGrad();

  /** Replaces the weight ({@code out × in} row-major) with a copy of {@code weight}. */
  void setWeight(float[] weight);

  /** Replaces the bias ({@code out}) with a copy of {@code bias}. */
  void setBias(float[] bias);
}
