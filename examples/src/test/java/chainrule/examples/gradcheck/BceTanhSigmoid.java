package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;
import chainrule.Tanh;

/**
 * Gradient-check model: 3-2, two activations in a row at the end (Linear, Tanh, Sigmoid), BCE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@SuppressWarnings("chainrule") // deliberately unusual: the gradient check covers it
@Network(loss = Loss.BCE)
public abstract class BceTanhSigmoid {
  @Layer(in = 3, out = 2) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer public Sigmoid sigmoid1;
}
