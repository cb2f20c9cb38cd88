package chainrule.spark.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/**
 * The breast-cancer classifier of the examples module's {@code breast-cancer} program, here trained on Spark:
 * {@code Sequential(Linear(30, 16), ReLU(), Linear(16, 1), Sigmoid())} with BCE.
 */
@Network
abstract class BreastCancer {
  @Layer(in = 30, out = 16) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 16, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
