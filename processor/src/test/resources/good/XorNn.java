package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** The lecture's xor-nn (lab-08_2): Sequential(Linear(2, 2), Sigmoid(), Linear(2, 1), Sigmoid()) with BCE. */
@Network
abstract class XorNn {
  @Layer(in = 2, out = 2) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 2, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
