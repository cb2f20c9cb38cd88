package chainrule.examples.lab09;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * lab-09_6's {@code bn_model} (master's order, Linear → BatchNorm → ReLU): 784-32-32-10 with a
 * {@code BatchNorm1d(32)} after each hidden Linear, default initialisations, logits out.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class MnistBatchnorm {
  @Layer(in = 784, out = 32) public Linear linear1;
  @Layer public BatchNorm1d bn1;
  @Layer public ReLU relu1;
  @Layer(in = 32, out = 32) public Linear linear2;
  @Layer public BatchNorm1d bn2;
  @Layer public ReLU relu2;
  @Layer(in = 32, out = 10) public Linear linear3;
}
