package chainrule.spark;

import chainrule.Dropout;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** {@link Iris} with a Dropout layer, which training on Spark refuses. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class IrisDropout {
  @Layer(in = 4, out = 16) Linear linear1;
  @Layer ReLU relu1;
  @Layer(p = 0.5) Dropout dropout1;
  @Layer(in = 16, out = 3) Linear linear2;
}
