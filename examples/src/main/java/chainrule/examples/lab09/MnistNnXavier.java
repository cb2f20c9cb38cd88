package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** lab-09_3: lab-09_2's 784-256-256-10 ReLU network with every weight redrawn by {@code xavier_uniform_}. */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistNnXavier {
  @Layer(in = 784, out = 256, init = Init.XAVIER_UNIFORM) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 256, out = 256, init = Init.XAVIER_UNIFORM) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 256, out = 10, init = Init.XAVIER_UNIFORM) public Linear linear3;
}
