package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * lab-09_2: {@code Sequential(linear1, relu, linear2, relu, linear3)}, 784-256-256-10, every weight redrawn by
 * {@code torch.nn.init.normal_} (N(0, 1)), {@code CrossEntropyLoss}. The notebook uses one {@code ReLU} module
 * twice; it has no parameters, so two fields are the same network.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistNn {
  @Layer(in = 784, out = 256, init = Init.NORMAL) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 256, out = 256, init = Init.NORMAL) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 256, out = 10, init = Init.NORMAL) public Linear linear3;
}
