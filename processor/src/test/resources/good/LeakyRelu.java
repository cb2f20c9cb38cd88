package demo;

import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;

/**
 * LeakyReLU with PyTorch's slope and with its own: it has no fused Linear kernel, so the Linear writes the
 * step's buffer and the activation runs on it in place.
 */
@Network(loss = Loss.MSE)
abstract class LeakyRelu {
  @Layer(in = 3, out = 4) Linear linear1;
  @Layer LeakyReLU leaky1;
  @Layer(in = 4, out = 4) Linear linear2;
  @Layer(negativeSlope = 0.2) LeakyReLU leaky2;
  @Layer(in = 4, out = 1) Linear linear3;
}
