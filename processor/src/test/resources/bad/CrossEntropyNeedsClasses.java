package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

@Network(loss = Loss.CROSS_ENTROPY)
abstract class CrossEntropyNeedsClasses {
  @Layer(in = 4, out = 8) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 8, out = 1) Linear linear2;
}
