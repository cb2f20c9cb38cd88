package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** A classifier of Iris's 3 species from 4 measurements: logits out, cross-entropy on class labels. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Iris {
  @Layer(in = 4, out = 8) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 8, out = 3) Linear linear2;
}
