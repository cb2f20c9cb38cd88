package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * lab-09_4 as pull request #35 fixed it: 784-512-512-512-512-10, ReLU between, every weight redrawn by
 * {@code xavier_uniform_}. (Master's {@code Sequential} holds only the first three Linear layers; see
 * {@link MnistNnDeepProgram}.)
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistNnDeep {
  @Layer(in = 784, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear3;
  @Layer public ReLU relu3;
  @Layer(in = 512, out = 512, init = Init.XAVIER_UNIFORM) public Linear linear4;
  @Layer public ReLU relu4;
  @Layer(in = 512, out = 10, init = Init.XAVIER_UNIFORM) public Linear linear5;
}
