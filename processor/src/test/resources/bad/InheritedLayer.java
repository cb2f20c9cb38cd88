package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

abstract class InheritedLayerBase {
  @Layer(in = 2, out = 4) Linear linear1;
}

@Network
abstract class InheritedLayer extends InheritedLayerBase {
  @Layer(in = 2, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
