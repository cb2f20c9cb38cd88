package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

/**
 * Gradient-check model: LeakyReLU(0.3) on the raw input, 3-4 Linear, Tanh, LeakyReLU(0.05) on its own after
 * the Tanh, 4-2 Linear output, MSE: LeakyReLU's kernels on buffers of their own, not in place.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@SuppressWarnings("chainrule") // deliberately unusual: the gradient check covers it
@Network(loss = Loss.MSE)
public abstract class MseLeakyReluPairs {
  @Layer(negativeSlope = 0.3) public LeakyReLU leaky0;
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer(negativeSlope = 0.05) public LeakyReLU leaky1;
  @Layer(in = 4, out = 2) public Linear linear2;
}
