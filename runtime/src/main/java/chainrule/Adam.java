package chainrule;

import chainrule.internal.Checks;

/**
 * Adam, as {@code torch.optim.Adam(params, lr, betas, eps)} without weight decay or amsgrad:
 * <pre>
 * m = β1·m + (1 - β1)·g          v = β2·v + (1 - β2)·g²
 * p -= lr / (1 - β1ᵗ) · m / (√v / √(1 - β2ᵗ) + ε)
 * </pre>
 * Its moments have the layout of the parameters, so an {@code Adam} belongs to one network: the first
 * {@link #step} fixes the length it accepts.
 */
public final class Adam implements Optimizer {
  private final float lr;
  private final float beta1;
  private final float beta2;
  private final float eps;
  private float[] m;
  private float[] v;
  private int t;

  /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
  public Adam(float lr) {
    this(lr, 0.9f, 0.999f, 1e-8f);
  }

  public Adam(float lr, float beta1, float beta2, float eps) {
    if (!(lr > 0f) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, was " + lr);
    }
    if (!(beta1 >= 0f && beta1 < 1f)) {
      throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
    }
    if (!(beta2 >= 0f && beta2 < 1f)) {
      throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
    }
    if (!(eps >= 0f) || !Float.isFinite(eps)) {
      throw new IllegalArgumentException("eps must be finite and >= 0, was " + eps);
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  @Override
  public void step(float[] params, float[] grads) {
    Checks.sameLength(params, grads);
    if (m == null) {
      m = new float[params.length];
      v = new float[params.length];
    } else if (m.length != params.length) {
      throw new IllegalArgumentException("this Adam was used with " + m.length
          + " parameters; params must have " + m.length + " floats, was " + params.length
          + " (use one Adam per network)");
    }
    t++;
    // Bias corrections in double, as torch computes them in Python floats.
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
    float oneMinusBeta1 = 1f - beta1;
    float oneMinusBeta2 = 1f - beta2;
    for (int i = 0; i < params.length; i++) {
      float g = grads[i];
      m[i] = m[i] * beta1 + g * oneMinusBeta1;
      v[i] = v[i] * beta2 + g * g * oneMinusBeta2;
      float denominator = (float) Math.sqrt(v[i]) / (float) correction2 + eps;
      params[i] += (float) -stepSize * (m[i] / denominator);
    }
  }

  /** Steps taken so far. */
  public int steps() {
    return t;
  }

  @Override
  public String toString() {
    return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ")";
  }
}
