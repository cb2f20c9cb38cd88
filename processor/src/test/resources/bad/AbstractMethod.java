package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

interface Named {
  String name();
}

@Network
abstract class AbstractMethod implements Named {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  abstract void describe();

  abstract float[] foward(float[] x, int rows);

  /** Fine: the generated class implements it. */
  abstract float[] forward(float[] x, int rows);
}
