package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network interface NetworkNotAClass {
  @Layer(in = 2, out = 1) Linear linear1 = null;
}

@Network enum NetworkNotAClassEnum {
  ONLY;
  @Layer(in = 2, out = 1) Linear linear1;
}

@Network record NetworkNotAClassRecord(@Layer Sigmoid sigmoid1) {}

@Network @interface NetworkNotAClassAnnotation {}
