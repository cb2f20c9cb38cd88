package chainrule;

import chainrule.internal.Checks;
import chainrule.internal.Updates;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Plain stochastic gradient descent, {@code torch.optim.SGD(params, lr)} without momentum: {@code p -= lr·g},
 * rounded once as PyTorch's CPU kernel does it ({@code p.add_(g, alpha=-lr)} is one fused multiply-add).
 * Stateless: one {@code Sgd} may serve any number of networks.
 */
public final class Sgd implements Optimizer, Updates.Elementwise {
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

  /** {@code lr} finite and {@code >= 0}: a schedule may anneal it to 0 (CosineAnnealingLR's {@code eta_min}). */
  @Override
  public void setLearningRate(float lr) {
    this.lr = checkScheduledRate(lr);
  }

  @Override
  public void step(float[] params, float[] grads) {
    begin(params, grads);
    update(params, grads, 0, params.length);
  }

  /** For generated networks, which split the update between threads ({@link Updates}): checks the arrays. */
  @Override
  public void begin(float[] params, float[] grads) {
    Checks.sameLength(params, grads);
  }

  /** For generated networks ({@link Updates}): {@code p = fma(g, -lr, p)} for {@code from <= i < to}. */
  @Override
  public void update(float[] params, float[] grads, int from, int to) {
    Checks.updateRange(params, grads, from, to);
    float minusLr = -lr;
    for (int i = from; i < to; i++) {
      params[i] = Math.fma(grads[i], minusLr, params[i]);
    }
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeFloat(lr);
  }

  @Override
  public void readState(DataInput in, float[] params) throws IOException {
    lr = checkScheduledRate(in.readFloat());
  }

  /** A rate to start with: a rate of 0 would train nothing. */
  static float checkRate(float lr) {
    if (!(lr > 0f) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, was " + lr);
    }
    return lr;
  }

  /** A rate to change to, as torch's optimizers take: 0 too, as a schedule may reach it. */
  static float checkScheduledRate(float lr) {
    if (!(lr >= 0f) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and >= 0, was " + lr);
    }
    return lr;
  }

  @Override
  public String toString() {
    return "Sgd(lr=" + lr + ")";
  }
}
