package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;
import chainrule.Tanh;

/** Every activation once: ReLU and Tanh in the hidden layers, Sigmoid before BCE. */
@Network
abstract class ReluTanh {
  @Layer(in = 2, out = 8) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 8, out = 4) Linear linear2;
  @Layer Tanh tanh2;
  @Layer(in = 4, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
