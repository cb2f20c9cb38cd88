package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
final class ModelFinal {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}

@Network
abstract sealed class ModelFinalSealed permits ModelFinalPermitted {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}

final class ModelFinalPermitted extends ModelFinalSealed {}
