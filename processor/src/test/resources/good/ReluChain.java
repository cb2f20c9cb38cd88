package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/**
 * Where a ReLU's backward is fused into the Linear after it, and where it is not: relu0, before the first
 * Linear, has nothing to train below it; of relu1 and relu1b, only relu1b feeds linear2; relu2 is fused with
 * linear3 while the Sigmoid before it keeps its own line. Unusual orders, their warnings suppressed.
 */
@SuppressWarnings("chainrule")
@Network
abstract class ReluChain {
  @Layer ReLU relu0;
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer ReLU relu1;
  @Layer ReLU relu1b;
  @Layer(in = 4, out = 4) Linear linear2;
  @Layer Sigmoid sigmoid2;
  @Layer ReLU relu2;
  @Layer(in = 4, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
