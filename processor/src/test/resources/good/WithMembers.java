package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

/**
 * A model with members of its own: the generated class implements its abstract forward, calls its
 * protected constructor, and writes chainrule.Kernels in full, since the nested Kernels below would hide it.
 */
@Network(loss = Loss.MSE)
abstract class WithMembers {
  @Layer(in = 1, out = 4) Linear linear1;
  @Layer Tanh tanh1;
  @Layer(in = 4, out = 1) Linear linear2;

  protected WithMembers() {}

  /** Predictions for {@code rows} rows of {@code x}; the generated class implements it. */
  public abstract float[] forward(float[] x, int rows);

  /** One prediction, through the generated forward. */
  float predict(float x) {
    return forward(new float[] {x}, 1)[0];
  }

  /** Shares its simple name with chainrule.Kernels. */
  static final class Kernels {
    private Kernels() {}
  }
}
