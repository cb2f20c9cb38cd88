package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** The generated class would write chainrule.internal.Kernels in full (Kernels is taken), and chainrule is a field. */
@Network
abstract class MemberHidesPackage {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  int chainrule;

  static final class Kernels {}
}

/** A member type named java would hide java.util.Arrays the same way. */
@Network
abstract class MemberHidesPackageType {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  static final class java {}
}
