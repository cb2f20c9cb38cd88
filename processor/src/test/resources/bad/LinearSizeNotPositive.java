package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class LinearSizeNotPositive {
  @Layer(in = 0, out = 4) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 4, out = -1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
