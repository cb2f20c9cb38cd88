package demo;

import chainrule.*;

@Network
abstract class NotALayer {
  @Layer(in = 2, out = 4) chainrule.Linear linear1;
  @Layer int width;
  @Layer Sigmoid sigmoid1;
  @Layer(in = 4, out = 1) Linear linear2;
  @Layer Sigmoid sigmoid2;
}

/** In the same package, this hides the on-demand import chainrule.* */
class Linear {}
