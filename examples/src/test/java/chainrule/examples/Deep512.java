package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/** Issue 8, items 1 and 2: {@code 2-512-512-1}, ReLU, a Sigmoid output and BCE. */
@Network
abstract class Deep512 {
  @Layer(in = 2, out = 512) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 512, out = 512) Linear linear2;
  @Layer ReLU relu2;
  @Layer(in = 512, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
