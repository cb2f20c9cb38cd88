package chainrule.internal;

import chainrule.BatchNorm1d;
import java.util.Arrays;

/**
 * The {@link BatchNorm1d} that generated networks create: a view into the network's flat arrays, {@code γ}
 * then {@code β} ({@code features} each) at {@code params[gamma ..]} (gradients at the same place in
 * {@code grads}), the running mean then the running variance at {@code running[stats ..]}.
 */
public final class BatchNormView implements BatchNorm1d {
  private final float[] params;
  private final float[] grads;
  private final float[] running;
  private final int gamma;
  private final int stats;
  private final int features;

  public BatchNormView(float[] params, float[] grads, float[] running, int gamma, int stats, int features) {
    Checks.positive("features", features);
    if (params.length != grads.length) {
      throw new IllegalArgumentException(
          "grads must have the layout of params: expected length " + params.length + ", was " + grads.length);
    }
    if (gamma < 0 || gamma > params.length - 2 * features) {
      throw new IllegalArgumentException("gamma " + gamma + " + 2 × " + features
          + " parameters of BatchNorm1d must fit in params of length " + params.length);
    }
    if (stats < 0 || stats > running.length - 2 * features) {
      throw new IllegalArgumentException("stats " + stats + " + 2 × " + features
          + " running statistics of BatchNorm1d must fit in running of length " + running.length);
    }
    this.params = params;
    this.grads = grads;
    this.running = running;
    this.gamma = gamma;
    this.stats = stats;
    this.features = features;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public float[] weight() {
    return Arrays.copyOfRange(params, gamma, gamma + features);
  }

  @Override
  public float[] bias() {
    return Arrays.copyOfRange(params, gamma + features, gamma + 2 * features);
  }

  @Override
  public float[] weightGrad() {
    return Arrays.copyOfRange(grads, gamma, gamma + features);
  }

  @Override
  public float[] biasGrad() {
    return Arrays.copyOfRange(grads, gamma + features, gamma + 2 * features);
  }

  @Override
  public float[] runningMean() {
    return Arrays.copyOfRange(running, stats, stats + features);
  }

  @Override
  public float[] runningVar() {
    return Arrays.copyOfRange(running, stats + features, stats + 2 * features);
  }

  @Override
  public String toString() {
    return "BatchNorm1d(" + features + ", eps=1e-05, momentum=0.1)";
  }
}
