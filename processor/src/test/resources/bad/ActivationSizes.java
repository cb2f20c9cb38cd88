package demo;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.LeakyReLU;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class ActivationSizes {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer(in = 4, out = 4) Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) Linear linear2;
  @Layer(out = 1) Sigmoid sigmoid2;
}

@Network
abstract class ActivationSizesLeaky {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer(in = 4, negativeSlope = 0.2) LeakyReLU leaky1;
  @Layer(in = 4, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}

@Network
abstract class ActivationSizesBatchNorm {
  @Layer(in = 2, out = 4) Linear linear1;
  @Layer(in = 4, out = 4) BatchNorm1d bn1;
  @Layer(in = 4, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
