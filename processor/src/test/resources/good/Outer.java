package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** A static nested model works: chainrule generates the top-level demo.Outer_InnerNet. */
class Outer {
  @Network
  abstract static class Inner {
    @Layer(in = 2, out = 2) Linear linear1;
    @Layer Sigmoid sigmoid1;
    @Layer(in = 2, out = 1) Linear linear2;
    @Layer Sigmoid sigmoid2;
  }
}
