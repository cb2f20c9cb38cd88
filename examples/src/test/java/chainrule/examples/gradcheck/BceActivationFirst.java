package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;
import chainrule.Tanh;

/**
 * Gradient-check model: starts with an activation (Tanh, Linear 3-2, Sigmoid), BCE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@SuppressWarnings("chainrule") // deliberately unusual: the gradient check covers it
@Network(loss = Loss.BCE)
public abstract class BceActivationFirst {
  @Layer public Tanh tanh0;
  @Layer(in = 3, out = 2) public Linear linear1;
  @Layer public Sigmoid sigmoid1;
}
