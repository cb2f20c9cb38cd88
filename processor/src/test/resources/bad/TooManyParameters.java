package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** in·out + out = 2^31: one more than an int holds. */
@Network(loss = Loss.MSE)
abstract class TooManyParameters {
  @Layer(in = Integer.MAX_VALUE, out = 1) Linear linear1;
}

/** 100000·100000 + 100000 = 10000100000 parameters, which an int count would wrap to 1410165408. */
@Network(loss = Loss.MSE)
abstract class TooManyParametersSquare {
  @Layer(in = 100000, out = 100000) Linear linear1;
}

/** 65536·65536 = 2^32 weights, which an int count wraps to 0. */
@Network(loss = Loss.MSE)
abstract class TooManyParametersWrap {
  @Layer(in = 65536, out = 65536) Linear linear1;
}

/** Each layer fits; the second takes the network past one array. */
@Network(loss = Loss.MSE)
abstract class TooManyParametersTotal {
  @Layer(in = 40000, out = 40000) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 40000, out = 40000) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 40000, out = 1) Linear linear3;
}
