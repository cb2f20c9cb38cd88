package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** Five different mistakes: all reported in one compile, and nothing else. */
@Network
final class ManyErrors {
  @Layer(in = 2, out = 10) private Linear linear1;
  @Layer(in = 3) Sigmoid sigmoid1;
  @Layer(in = 8, out = 1) Linear linear2;
}
