package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/**
 * lab-08_2: {@code Sequential(Linear(2, 2), Sigmoid(), Linear(2, 1), Sigmoid())} with BCE. The layers are
 * public so that the benchmarks (package {@code bench}) can read the parameters of an {@code XorNnNet}.
 */
@Network
abstract class XorNn {
  @Layer(in = 2, out = 2) public Linear linear1;
  @Layer public Sigmoid sigmoid1;
  @Layer(in = 2, out = 1) public Linear linear2;
  @Layer public Sigmoid sigmoid2;
}
