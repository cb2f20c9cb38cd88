package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class LinearSizeMissing {
  @Layer(in = 2) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 4, out = 4) Linear linear2;
  @Layer Sigmoid sigmoid2;
  @Layer(out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
  @Layer Linear linear4;
  @Layer Sigmoid sigmoid4;
}
