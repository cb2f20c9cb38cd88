package demo;

import chainrule.Layer;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class NoLinearLayer {
  @Layer Sigmoid sigmoid1;
}
