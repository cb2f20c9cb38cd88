package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

/** Gradient-check model: 3-5-5-2, Tanh, LeakyReLU(0.1), logits under cross-entropy (2 classes, the fewest). */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class Ce3552 {
  @Layer(in = 3, out = 5) public Linear linear1;
  @Layer public Tanh tanh1;
  @Layer(in = 5, out = 5) public Linear linear2;
  @Layer(negativeSlope = 0.1) public LeakyReLU leaky2;
  @Layer(in = 5, out = 2) public Linear linear3;
}
