package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;

/**
 * Gradient-check model: 3-4-4-2, LeakyReLU with PyTorch's slope, LeakyReLU(0.2), Sigmoid, BCE. LeakyReLU has
 * no fused Linear kernel: each Linear writes its step's buffer and the activation runs on it in place.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@Network(loss = Loss.BCE)
public abstract class BceLeakyRelu {
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public LeakyReLU leaky1;
  @Layer(in = 4, out = 4) public Linear linear2;
  @Layer(negativeSlope = 0.2) public LeakyReLU leaky2;
  @Layer(in = 4, out = 2) public Linear linear3;
  @Layer public Sigmoid sigmoid3;
}
