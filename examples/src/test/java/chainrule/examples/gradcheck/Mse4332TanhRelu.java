package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Tanh;

/**
 * Gradient-check model: 4-3-3-2, Tanh, ReLU, then a Linear output, MSE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@Network(loss = Loss.MSE)
public abstract class Mse4332TanhRelu {
  @Layer(in = 4, out = 3) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer(in = 3, out = 3) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 3, out = 2) public Linear linear3;
}
