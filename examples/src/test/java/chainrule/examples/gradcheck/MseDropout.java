package chainrule.examples.gradcheck;

import chainrule.Dropout;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;

/** Gradient-check model: Dropout(0.25) on the input, 3-4-2, Sigmoid, Dropout(0.6) before the last Linear, MSE. */
@Network(loss = Loss.MSE)
public abstract class MseDropout {
  @Layer(p = 0.25) public Dropout dropout0;
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public Sigmoid sigmoid1;
  @Layer(p = 0.6) public Dropout dropout1;
  @Layer(in = 4, out = 2) public Linear linear2;
}
