package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;

/**
 * lab-09_1: {@code linear = torch.nn.Linear(784, 10)}, {@code torch.nn.init.normal_(linear.weight)},
 * {@code CrossEntropyLoss}: softmax regression on 28 × 28 images.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistSoftmax {
  @Layer(in = 784, out = 10, init = Init.NORMAL) public Linear linear;
}
