package chainrule;

/**
 * Batch normalisation for a {@link Network}, {@code torch.nn.BatchNorm1d(features)} with PyTorch's defaults
 * ({@code eps = 1e-5}, {@code momentum = 0.1}, affine, tracking running statistics). Declare it as
 * {@code @Layer BatchNorm1d bn1;}: it takes the width of the layer before it (the network's input if it is
 * first). In a training step it normalises each feature by the batch's mean and biased variance,
 * {@code y = γ·(x - μ)/√(σ² + ε) + β}, and moves the running statistics by
 * {@code running = 0.9·running + 0.1·batch} (the variance unbiased, {@code σ²·n/(n - 1)}); in {@code forward}
 * it uses the running statistics, as after {@code model.eval()}. A training batch needs two rows or more.
 *
 * <p>{@code γ} (the weight, starting at 1) and {@code β} (the bias, starting at 0) are parameters, in the
 * network's flat array as in {@code model.parameters()}; the running mean (starting at 0) and variance
 * (starting at 1) are buffers, which no optimizer touches, saved and loaded with the checkpoint. The
 * generated network fills the field with a view of them.
 */
public interface BatchNorm1d {
  /** Features normalised: the width of the layer before it. */
  int features();

  /** A copy of {@code γ}, {@code features}. */
  float[] weight();

  /** A copy of {@code β}, {@code features}. */
  float[] bias();

  /** A copy of {@code γ}'s gradient from the last backward pass. */
  float[] weightGrad();

  /** A copy of {@code β}'s gradient from the last backward pass. */
  float[] biasGrad();

  /** A copy of the running mean, {@code running_mean}. */
  float[] runningMean();

  /** A copy of the running variance (unbiased batch variances averaged), {@code running_var}. */
  float[] runningVar();
}
