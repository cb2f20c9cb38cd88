package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class LayerNameClash {
  @Layer(in = 2, out = 4) Linear l1;
  @Layer Sigmoid a1;
  @Layer(in = 4, out = 1) Linear params;
  @Layer Sigmoid sigmoid2;
}
