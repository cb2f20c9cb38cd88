package chainrule.examples.gradcheck;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/**
 * Gradient-check model: starts with ReLU on the input, 3-4-1 with Sigmoids, MSE on a Sigmoid output.
 * Public, with public layers, so that tests in {@code chainrule.examples} can read its parameters.
 */
@SuppressWarnings("chainrule") // deliberately unusual: the gradient check covers it
@Network(loss = Loss.MSE)
public abstract class MseReluFirstSigmoidOut {
  @Layer public ReLU relu0;
  @Layer(in = 3, out = 4) public Linear linear1;
  @Layer public Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) public Linear linear2;
  @Layer public Sigmoid sigmoid2;
}
