package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Optimizer;
import chainrule.Sigmoid;

@Network
abstract class GeneratedMethodClash {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  final float[] forward(float[] x, int rows) { return x; }

  void forwardPass(float[] input, int rows) {}

  double lossAndGradients(float[] x, float[] y, int rows) { return 0; }

  static float trainStep(float[] x, float[] y, int rows, Optimizer optimizer) { return 0; }

  int create(long seed) { return 0; }

  /** Fine: the generated class overrides it. */
  @Override
  public String toString() { return "mine"; }
}
