package demo;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Network;
import chainrule.Sigmoid;

/** A batch norm has parameters, but no width of its own: a network still needs a Linear. */
@Network
abstract class NoLinearLayerBatchNorm {
  @Layer BatchNorm1d bn1;
  @Layer Sigmoid sigmoid1;
}
