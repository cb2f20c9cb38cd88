package chainrule;

import chainrule.internal.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Plain stochastic gradient descent, {@code torch.optim.SGD(params, lr)} without momentum: {@code p -= lr·g},
 * rounded once as PyTorch's CPU kernel does it ({@code p.add_(g, alpha=-lr)} is one fused multiply-add).
 * Stateless: one {@code Sgd} may serve any number of networks.
 */
public final class Sgd implements Optimizer {
  private float lr;

  /** @param lr the learning rate, finite and {@code > 0} */
  public Sgd(float lr) {
    this.lr = checkRate(lr);
  }

  /** The learning rate; the same as {@link #learningRate()}. */
  public float lr() {
    return lr;
  }

  @Override
  public float learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(float lr) {
    this.lr = checkRate(lr);
  }

  @Override
  public void step(float[] params, float[] grads) {
    Checks.sameLength(params, grads);
    float minusLr = -lr;
    for (int i = 0; i < params.length; i++) {
      params[i] = Math.fma(grads[i], minusLr, params[i]);
    }
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeFloat(lr);
  }

  @Override
  public void readState(DataInput in, float[] params) throws IOException {
    lr = checkRate(in.readFloat());
  }

  static float checkRate(float lr) {
    if (!(lr > 0f) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, was " + lr);
    }
    return lr;
  }

  @Override
  public String toString() {
    return "Sgd(lr=" + lr + ")";
  }
}
