package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;
import chainrule.Tanh;

@Network
abstract class LeadingActivation {
  @Layer Tanh tanh0;
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}
