package demo;

import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;

@Network(loss = Loss.MSE)
abstract class LayerValueOutOfRange {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer(negativeSlope = -0.1) LeakyReLU leaky1;
  @Layer(in = 4, out = 4) Linear linear2;
  @Layer(negativeSlope = Double.NaN) LeakyReLU leaky2;
  @Layer(in = 4, out = 4) Linear linear3;
  @Layer(negativeSlope = 1e39) LeakyReLU leaky3;
  @Layer(in = 4, out = 1) Linear linear4;
}
