package demo;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** The lecture's lab-09_6 shape (master: Linear → BatchNorm → ReLU), small: two hidden layers, logits, cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class BatchNormNet {
  @Layer(in = 4, out = 5) Linear linear1;
  @Layer BatchNorm1d bn1;
  @Layer ReLU relu1;
  @Layer(in = 5, out = 5) Linear linear2;
  @Layer BatchNorm1d bn2;
  @Layer ReLU relu2;
  @Layer(in = 5, out = 3) Linear linear3;
}
