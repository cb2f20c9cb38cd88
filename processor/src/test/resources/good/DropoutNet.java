package demo;

import chainrule.Dropout;
import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** The lecture's lab-09_5 shape, small: Linear, ReLU, Dropout after each hidden layer, logits, cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class DropoutNet {
  @Layer(in = 4, out = 6, init = Init.XAVIER_UNIFORM) Linear linear1;
  @Layer ReLU relu1;
  @Layer(p = 0.3) Dropout dropout1;
  @Layer(in = 6, out = 6, init = Init.XAVIER_UNIFORM) Linear linear2;
  @Layer ReLU relu2;
  @Layer Dropout dropout2;
  @Layer(in = 6, out = 3, init = Init.XAVIER_UNIFORM) Linear linear3;
}
