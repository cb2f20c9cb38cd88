package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

@Network(loss = Loss.MSE)
abstract class ConsecutiveLinears {
  @Layer(in = 2, out = 8) Linear linear1;
  @Layer(in = 8, out = 4) Linear linear2;
  @Layer Tanh tanh2;
  @Layer(in = 4, out = 4) Linear linear3;
  @SuppressWarnings("chainrule") // a second Linear on purpose: its warning is suppressed
  @Layer(in = 4, out = 1) Linear linear4;
}
