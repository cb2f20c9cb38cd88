package chainrule.examples.bench;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/** Benchmark case {@code large}: 512-1024-1024-1, ReLU, a Sigmoid output and BCE, on 512 rows. */
@Network
abstract class Large {
  @Layer(in = 512, out = 1024) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 1024, out = 1024) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 1024, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
