package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class LayerShapeMismatch {
  @Layer(in = 2, out = 10) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 8, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
