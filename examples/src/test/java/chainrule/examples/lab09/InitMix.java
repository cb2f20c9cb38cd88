package chainrule.examples.lab09;

import chainrule.Init;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/**
 * Every initialiser, small enough that {@code normal_} takes its scalar path with a cached sine carried from
 * linear2 (15 values) into linear4 (12 values); linear5 (24 values) takes the AVX2 path; linear3 keeps its default.
 */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class InitMix {
  @Layer(in = 6, out = 5, init = Init.XAVIER_UNIFORM) public Linear linear1;
  @Layer public ReLU relu1;
  @Layer(in = 5, out = 3, init = Init.NORMAL) public Linear linear2;
  @Layer public ReLU relu2;
  @Layer(in = 3, out = 4) public Linear linear3;
  @Layer public ReLU relu3;
  @Layer(in = 4, out = 3, init = Init.XAVIER_NORMAL) public Linear linear4;
  @Layer public ReLU relu4;
  @Layer(in = 3, out = 8, init = Init.KAIMING_NORMAL) public Linear linear5;
  @Layer public ReLU relu5;
  @Layer(in = 8, out = 2, init = Init.KAIMING_UNIFORM) public Linear linear6;
}
