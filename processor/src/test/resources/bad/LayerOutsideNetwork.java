package demo;

import chainrule.Layer;
import chainrule.Linear;

abstract class LayerOutsideNetwork {
  @Layer(in = 2, out = 1) Linear linear1;
}

interface LayerInInterface {
  @Layer(in = 2, out = 1) Linear LINEAR = null;
}
