package chainrule.spark.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/** The benchmark suite's "medium" network (64-256-256-1, 82,689 parameters), for {@link SparkScale}. */
@Network
abstract class Medium {
  @Layer(in = 64, out = 256) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 256, out = 256) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 256, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
