import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;

/** A model in the default package works: chainrule generates DefaultPackageModelNet beside it. */
@Network
abstract class DefaultPackageModel {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}
