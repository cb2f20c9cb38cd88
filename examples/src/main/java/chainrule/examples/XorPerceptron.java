package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** lab-08_1: a single perceptron, {@code Sequential(Linear(2, 1), Sigmoid())}, BCE. It cannot learn XOR. */
@Network
abstract class XorPerceptron {
  @Layer(in = 2, out = 1) Linear linear;
  @Layer Sigmoid sigmoid;
}
