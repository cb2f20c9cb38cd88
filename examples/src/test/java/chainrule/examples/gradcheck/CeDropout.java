package chainrule.examples.gradcheck;

import chainrule.Dropout;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Tanh;

/** Gradient-check model: 4-6-5-3, ReLU, Dropout(0.3), Tanh, Dropout(0.5), logits under cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class CeDropout {
  @Layer(in = 4, out = 6) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(p = 0.3) public Dropout dropout1;
  @Layer(in = 6, out = 5) public Linear linear2;
  @Layer public Tanh tanh2;
  @Layer public Dropout dropout2;
  @Layer(in = 5, out = 3) public Linear linear3;
}
