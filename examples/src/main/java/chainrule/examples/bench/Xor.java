package chainrule.examples.bench;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** Benchmark case {@code xor}: 2-2-1 Sigmoid, BCE, the lecture's network, on its 4 rows. */
@Network
abstract class Xor {
  @Layer(in = 2, out = 2) Linear linear1;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 2, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
