package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Tanh;

/** Regression: MSE loss, ending in a Linear (no Sigmoid, so the backward pass starts at the Linear's output). */
@Network(loss = Loss.MSE)
abstract class MseRegression {
  @Layer(in = 3, out = 4) Linear linear1;
  @Layer Tanh tanh1;
  @Layer(in = 4, out = 1) Linear linear2;
}
