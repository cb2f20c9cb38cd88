package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;
import chainrule.Tanh;

/**
 * Gradient-check model: 3-4-2 with two activations in a row, twice
 * (Linear, Tanh, ReLU, Linear, Sigmoid, Tanh), MSE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@SuppressWarnings("chainrule") // deliberately unusual: the gradient check covers it
@Network(loss = Loss.MSE)
public abstract class MseActivationPairs {
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer public ReLU relu1;
  @Layer(in = 4, out = 2) public Linear linear2;
  @Layer public Sigmoid sigmoid2;
  @Layer public Tanh tanh2;
}
