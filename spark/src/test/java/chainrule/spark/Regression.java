package chainrule.spark;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

/** A small MSE network with two outputs, for array targets. */
@Network(loss = Loss.MSE)
abstract class Regression {
  @Layer(in = 3, out = 8) Linear linear1;
  @Layer Tanh tanh1;
  @Layer(in = 8, out = 2) Linear linear2;
}
