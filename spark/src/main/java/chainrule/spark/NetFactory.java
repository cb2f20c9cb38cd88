package chainrule.spark;

import chainrule.Net;
import java.io.Serializable;

/**
 * Makes a network on an executor: {@code () -> IrisNet.create(0)}. Spark ships the factory, not a network,
 * to each task (a lambda whose target is this interface is serialisable); each executor thread builds its own
 * instance once and reuses it, and every step overwrites its parameters with the driver's, so the seed does
 * not matter. It must build the same architecture as the network being trained.
 */
@FunctionalInterface
public interface NetFactory<N extends Net> extends Serializable {
  N create();
}
