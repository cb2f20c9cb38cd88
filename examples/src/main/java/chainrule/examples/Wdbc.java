package chainrule.examples;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.ReLU;
import chainrule.Sigmoid;

/**
 * The breast-cancer classifier of {@link BreastCancerProgram} (Wisconsin Diagnostic Breast Cancer, "WDBC"):
 * {@code Sequential(Linear(30, 16), ReLU(), Linear(16, 1), Sigmoid())} with BCE. Input: the 30 standardised
 * measurements of one fine-needle aspirate; output: p(benign).
 */
@Network
abstract class Wdbc {
  @Layer(in = 30, out = 16) Linear linear1;
  @Layer ReLU relu1;
  @Layer(in = 16, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}
