package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** An MSE network has no classes to predict: the generated class has no predict to implement this one. */
@Network(loss = Loss.MSE)
abstract class PredictWithoutClasses {
  @Layer(in = 2, out = 3) Linear linear1;
  @Layer ReLU relu1;

  public abstract int[] predict(float[] x, int rows);
}
