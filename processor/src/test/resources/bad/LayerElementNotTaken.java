package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

@Network(loss = Loss.MSE)
abstract class LayerElementNotTaken {
  @Layer(in = 2, out = 4, negativeSlope = 0.1) Linear linear1;
  @Layer(negativeSlope = 0.2) ReLU relu1;
  @Layer(in = 4, out = 1) Linear linear2;
}
