/**
 * chainrule's runtime. Two packages are exported: {@code chainrule}, what a user writes and calls, and
 * {@code chainrule.internal}, what generated networks call (no compatibility promise). The fast matrix
 * products ({@code chainrule.internal.fast}) stay inside.
 *
 * <p>On the module path the Vector API module is required, so it is resolved without any
 * {@code --add-modules} flag and the fast paths run. On the class path nothing here applies: the fast paths
 * run only when the JVM is started with {@code --add-modules jdk.incubator.vector}, with identical results
 * either way.
 */
module chainrule.runtime {
  requires jdk.incubator.vector;
  // a thread's allocation counter: tells when C2 has compiled the Vector API kernels (fast.VectorWarmup)
  requires jdk.management;

  exports chainrule;
  exports chainrule.internal;
}
