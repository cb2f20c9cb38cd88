package chainrule.examples.plot;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;
import chainrule.Tanh;

/** The demo's classifier for two moons: {@code Sequential(Linear(2, 16), Tanh(), Linear(16, 16), Tanh(), Linear(16, 1), Sigmoid())}, BCE. */
@Network
abstract class PlotDemoModel {
  @Layer(in = 2, out = 16) Linear linear1;
  @Layer Tanh tanh1;
  @Layer(in = 16, out = 16) Linear linear2;
  @Layer Tanh tanh2;
  @Layer(in = 16, out = 1) Linear linear3;
  @Layer Sigmoid sigmoid3;
}
