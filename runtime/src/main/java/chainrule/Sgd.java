package chainrule;

import chainrule.internal.Checks;

/** Plain stochastic gradient descent, {@code torch.optim.SGD(params, lr)} without momentum: {@code p -= lr·g}. */
public final class Sgd implements Optimizer {
  private final float lr;

  /** @param lr the learning rate, finite and {@code > 0} */
  public Sgd(float lr) {
    if (!(lr > 0f) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, was " + lr);
    }
    this.lr = lr;
  }

  public float lr() {
    return lr;
  }

  @Override
  public void step(float[] params, float[] grads) {
    Checks.sameLength(params, grads);
    for (int i = 0; i < params.length; i++) {
      params[i] -= lr * grads[i];
    }
  }

  @Override
  public String toString() {
    return "Sgd(lr=" + lr + ")";
  }
}
