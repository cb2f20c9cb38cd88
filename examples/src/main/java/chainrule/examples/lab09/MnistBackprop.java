package chainrule.examples.lab09;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Loss;
import chainrule.Network;
import chainrule.Sigmoid;

/**
 * lab-10-X1's 784-30-10 sigmoid network declared for the processor, for {@code compare-mnist}: the generated
 * forward and backward passes against {@link HandWrittenMnistBackprop}. The notebook has no loss; its chain rule
 * is the gradient of {@code ½·Σ diff²}, which is MSE up to a constant (see {@link CompareMnistProgram}).
 */
@Network(loss = Loss.MSE)
public abstract class MnistBackprop {
  @Layer(in = 784, out = 30) public Linear linear1;
  @Layer public Sigmoid sigmoid1;
  @Layer(in = 30, out = 10) public Linear linear2;
  @Layer public Sigmoid sigmoid2;
}
