package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

class ModelPrivate {
  @Network
  private abstract static class Hidden {
    @Layer(in = 2, out = 1) Linear linear1;
    @Layer Sigmoid sigmoid1;
  }

  private static class Middle {
    @Network
    abstract static class Deep {
      @Layer(in = 2, out = 1) Linear linear1;
      @Layer Sigmoid sigmoid1;
    }
  }
}
