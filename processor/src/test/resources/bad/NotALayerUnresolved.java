package demo;

import chainrule.Layer;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class NotALayerUnresolved {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer Relu relu1;
  @Layer(in = 4, out = 1) chainrule.Linear linear2;
  @Layer Sigmoid sigmoid2;
}
