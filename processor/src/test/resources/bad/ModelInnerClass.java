package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

class ModelInnerClass {
  @Network
  abstract class Inner {
    @Layer(in = 2, out = 1) Linear linear1;
    @Layer Sigmoid sigmoid1;
  }
}
