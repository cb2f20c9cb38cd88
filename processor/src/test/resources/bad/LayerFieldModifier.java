package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class LayerFieldModifier {
  @Layer(in = 2, out = 4) private Linear linear1;
  @Layer static Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) final Linear linear2 = null;
  @Layer Sigmoid sigmoid2;
}
