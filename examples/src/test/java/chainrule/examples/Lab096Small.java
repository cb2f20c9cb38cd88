package chainrule.examples;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** lab-09_6's network (master: Linear → BatchNorm1d → ReLU), 784-32-32-10, cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Lab096Small {
  @Layer(in = 784, out = 32) Linear linear1;
  @Layer BatchNorm1d bn1;
  @Layer ReLU relu1;
  @Layer(in = 32, out = 32) Linear linear2;
  @Layer BatchNorm1d bn2;
  @Layer ReLU relu2;
  @Layer(in = 32, out = 10) Linear linear3;
}
