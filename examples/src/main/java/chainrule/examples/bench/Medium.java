package chainrule.examples.bench;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/** Benchmark case {@code medium}: 64-256-256-1, ReLU, a Sigmoid output and BCE, on 256 rows. */
@Network
abstract class Medium {
  @Layer(in = 64, out = 256) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 256, out = 256) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 256, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
