package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;
import java.io.Serializable;

/**
 * A model that is deprecated for removal and serializable: the generated class extends it, so it
 * suppresses the warnings javac raises for that (removal, serial) and nothing else.
 *
 * @deprecated to show that the generated class compiles without warnings
 */
@Deprecated(forRemoval = true)
@Network
abstract class LegacyModel implements Serializable {
  private static final long serialVersionUID = 1L;

  @Layer(in = 2, out = 1) transient Linear linear1;
  @Layer transient Sigmoid sigmoid1;
}
