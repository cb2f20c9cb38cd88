package chainrule.spark;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** {@link Iris} with a BatchNorm1d layer, which training on Spark refuses. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class IrisBatchNorm {
  @Layer(in = 4, out = 16) Linear linear1;
  @Layer BatchNorm1d bn1;
  @Layer ReLU relu1;
  @Layer(in = 16, out = 3) Linear linear2;
}
