package chainrule.examples.bench;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** Benchmark case {@code xor-wide-deep}: 2-10-10-10-1 Sigmoid, BCE, on the 4 XOR rows. */
@Network
abstract class XorWideDeep {
  @Layer(in = 2, out = 10) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 10, out = 10) Linear linear2;
  @Layer Sigmoid sigmoid2;
  @Layer(in = 10, out = 10) Linear linear3;
  @Layer Sigmoid sigmoid3;
  @Layer(in = 10, out = 1) Linear linear4;
  @Layer Sigmoid sigmoid4;
}
