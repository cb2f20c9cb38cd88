package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** Seven different mistakes: all reported in one compile, in source order, and nothing else. */
@Network
final class ManyErrors {
  final float[] forward(float[] x, int rows) { return x; }

  @Layer(in = 2, out = 10) private Linear linear1;
  @Layer(in = 3) Sigmoid sigmoid1;
  @Layer(in = 8, out = 1) Linear linear2;

  private ManyErrors() {}
}
