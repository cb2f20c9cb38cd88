package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** A user's model, 2-4-1: the processor writes {@code demo.MoonsNet} from it, or this project does not compile. */
@Network
abstract class Moons {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer                  Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) Linear linear2;
  @Layer                  Sigmoid sigmoid2;
}
