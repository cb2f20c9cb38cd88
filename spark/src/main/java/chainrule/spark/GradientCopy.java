package chainrule.spark;

import chainrule.Optimizer;

/**
 * An "optimizer" that changes nothing and keeps {@code weight × gradients}: given to a network's
 * {@code trainStep}, it is how a task reads the gradients {@code lossAndGradients} leaves in the layers
 * through the public API (the network hands its gradient array to {@code step}).
 */
final class GradientCopy implements Optimizer {
  private float[] copy;
  private float weight;

  /** The next {@link #step} keeps its gradients times {@code weight}. */
  void weight(float weight) {
    this.weight = weight;
  }

  @Override
  public void step(float[] params, float[] grads) {
    copy = new float[grads.length]; // a new array per step: it is the task's result, sent to the driver
    for (int i = 0; i < grads.length; i++) {
      copy[i] = grads[i] * weight;
    }
  }

  float[] take() {
    float[] taken = copy;
    copy = null;
    return taken;
  }
}
