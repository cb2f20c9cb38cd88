package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * The model of reference/cross_entropy_iris.txt: {@code Sequential(Linear(4, 8), ReLU(), Linear(8, 3))} with
 * {@code CrossEntropyLoss}.
 */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Iris {
  @Layer(in = 4, out = 8) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 8, out = 3) Linear linear2;
}
