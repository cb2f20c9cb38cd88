package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** The lecture's lab-09_3 model: 784-256-256-10, ReLU, xavier_uniform_ on every weight, cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class Lab09Xavier {
  @Layer(in = 784, out = 256, init = Init.XAVIER_UNIFORM) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 256, out = 256, init = Init.XAVIER_UNIFORM) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 256, out = 10, init = Init.XAVIER_UNIFORM) public Linear linear3;
}
