package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** Gradient-check model: 4-6-3, ReLU, logits under cross-entropy (3 classes). */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class Ce463Relu {
  @Layer(in = 4, out = 6) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 6, out = 3) public Linear linear2;
}
