package demo;

import chainrule.Dropout;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;
import chainrule.Tanh;

@Network(loss = Loss.CROSS_ENTROPY)
abstract class CrossEntropyAfterSquashing {
  @Layer(in = 4, out = 8) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 8, out = 3) Linear linear2;
  @Layer Sigmoid sigmoid2;
}

@Network(loss = Loss.CROSS_ENTROPY)
abstract class CrossEntropyAfterTanh {
  @Layer(in = 4, out = 3) Linear linear1;
  @Layer Tanh tanh1;
}

@Network(loss = Loss.CROSS_ENTROPY)
abstract class CrossEntropyAfterSigmoidAndDropout {
  @Layer(in = 4, out = 3) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer Dropout dropout1;
  @Layer Dropout dropout2;
}
