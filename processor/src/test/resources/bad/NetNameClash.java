package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

@Network
abstract class NetNameClash {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  @Network
  abstract static class Inner {
    @Layer(in = 2, out = 1) Linear linear1;
    @Layer Sigmoid sigmoid1;
  }
}

/** Already exists, so chainrule cannot generate it for NetNameClash. */
class NetNameClashNet {}

/** Generates demo.NetNameClash_InnerNet, like NetNameClash.Inner. */
@Network
abstract class NetNameClash_Inner {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}

@Network
abstract class NetNameClashMember {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  static class NetNameClashMemberNet {}
}
