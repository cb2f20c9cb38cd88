package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;
import chainrule.Tanh;

/**
 * Gradient-check model: 3-4-2, Tanh then Sigmoid, BCE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@Network(loss = Loss.BCE)
public abstract class Bce342Tanh {
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer(in = 4, out = 2) public Linear linear2;
  @Layer public Sigmoid sigmoid2;
}
