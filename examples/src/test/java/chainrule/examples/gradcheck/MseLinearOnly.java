package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;

/**
 * Gradient-check model: a single Linear 3-2, MSE.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@Network(loss = Loss.MSE)
public abstract class MseLinearOnly {
  @Layer(in = 3, out = 2) public Linear linear1;
}
