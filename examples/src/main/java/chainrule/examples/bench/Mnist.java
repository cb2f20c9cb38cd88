package chainrule.examples.bench;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * Benchmark case {@code mnist-nn}: the shape of the lecture's lab-09_2 (784-256-256-10, ReLU, cross-entropy),
 * trained with Adam on batches of 100 rows. Unlike {@code lab09.MnistNn}, the weights keep
 * {@code nn.Linear}'s own initialisation, as {@code torch_bench.py} builds it.
 */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Mnist {
  @Layer(in = 784, out = 256) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 256, out = 256) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 256, out = 10) Linear linear3;
}
