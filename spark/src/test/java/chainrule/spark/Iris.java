package chainrule.spark;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** A small cross-entropy classifier for the tests: iris's 4 measurements, 3 species. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Iris {
  @Layer(in = 4, out = 16) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 16, out = 3) Linear linear2;
}
