package chainrule.examples.lab09;

import chainrule.Dropout;
import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * lab-09_5: lab-09_4's five Linear layers with {@code ReLU} then {@code Dropout(p=0.3)} after each hidden one,
 * every weight redrawn by {@code xavier_uniform_}. The notebook uses one {@code Dropout} module four times; each
 * use draws its own mask, in forward order, as four fields do.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistNnDropout {
  @Layer(in = 784, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(p = 0.3) public Dropout dropout1;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(p = 0.3) public Dropout dropout2;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear3;
  @Layer public ReLU relu3;
  @Layer(p = 0.3) public Dropout dropout3;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear4;
  @Layer public ReLU relu4;
  @Layer(p = 0.3) public Dropout dropout4;
  @Layer(in = 512, out = 10, init = Init.XAVIER_UNIFORM) public Linear linear5;
}
