package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/** Issue 8, item 1: a {@code 2-65536-1} network, whose hidden rows are 65536 floats wide. */
@Network
abstract class Wide65536 {
  @Layer(in = 2, out = 65536) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 65536, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
