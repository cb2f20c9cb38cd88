package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/**
 * Gradient-check model: 2-5-5-1, ReLU, ReLU, Sigmoid, BCE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@Network(loss = Loss.BCE)
public abstract class Bce2551Relu {
  @Layer(in = 2, out = 5) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 5, out = 5) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 5, out = 1) public Linear linear3;
  @Layer public Sigmoid sigmoid3;
}
