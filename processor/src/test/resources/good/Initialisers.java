package demo;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** Every initialiser once, after the default draws of all four Linears; linear3 keeps its default. */
@Network(loss = Loss.CROSS_ENTROPY)
abstract class Initialisers {
  @Layer(in = 6, out = 5, init = Init.XAVIER_UNIFORM) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 5, out = 4, init = Init.NORMAL) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 4, out = 4) Linear linear3;
  @Layer ReLU relu3;
  @Layer(in = 4, out = 4, init = Init.KAIMING_NORMAL) Linear linear4;
  @Layer ReLU relu4;
  @Layer(in = 4, out = 3, init = Init.XAVIER_NORMAL) Linear linear5;
  @Layer ReLU relu5;
  @Layer(in = 3, out = 2, init = Init.KAIMING_UNIFORM) Linear linear6;
}
