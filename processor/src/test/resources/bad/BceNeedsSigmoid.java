package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

@Network
abstract class BceNeedsSigmoid {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) Linear linear2;
}

@Network(loss = Loss.BCE)
abstract class BceNeedsSigmoidRelu {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer ReLU relu1;
}
