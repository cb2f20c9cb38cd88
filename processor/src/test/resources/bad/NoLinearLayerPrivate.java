package demo;

import chainrule.Layer;
import chainrule.Network;
import chainrule.Sigmoid;

/** Found by a probe: the modifier error held NoLinearLayer back until the next compile. */
@Network
abstract class NoLinearLayerPrivate {
  @Layer private Sigmoid sigmoid1;
}
