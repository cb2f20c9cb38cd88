package chainrule.examples.lab09;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * lab-09_6's {@code nn_model}, the same 784-32-32-10 without batch normalisation, trained beside
 * {@link MnistBatchnorm} for comparison. Its fields are the notebook's {@code nn_linear1 … nn_linear3}.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistNoBatchnorm {
  @Layer(in = 784, out = 32) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 32, out = 32) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 32, out = 10) public Linear linear3;
}
