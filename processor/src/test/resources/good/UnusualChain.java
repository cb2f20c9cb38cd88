package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;
import chainrule.Tanh;

/**
 * Legal but unusual orders, their warnings suppressed for the whole class. The generated chain names an
 * activation of the raw input a0, a Linear with no activation after it l1, and an activation of an
 * activation a2_2; backward stops at linear1, since tanh0 before it has nothing to train.
 */
@SuppressWarnings("chainrule")
@Network
abstract class UnusualChain {
  @Layer Tanh tanh0;
  @Layer(in = 2, out = 3) Linear linear1;
  @Layer(in = 3, out = 1) Linear linear2;
  @Layer ReLU relu2;
  @Layer Sigmoid sigmoid2;
}
