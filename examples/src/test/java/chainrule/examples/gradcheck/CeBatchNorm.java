package chainrule.examples.gradcheck;

import chainrule.BatchNorm1d;
import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.ReLU;

/** Gradient-check model: BatchNorm1d on the input, then 4-6-3 with Linear → BatchNorm1d → ReLU, cross-entropy. */
@Network(loss = Loss.CROSS_ENTROPY)
public abstract class CeBatchNorm {
  @Layer public BatchNorm1d bn0;
  @Layer(in = 4, out = 6) public Linear linear1;
  @Layer public BatchNorm1d bn1;
  @Layer public ReLU relu1;
  @Layer(in = 6, out = 3) public Linear linear2;
}
