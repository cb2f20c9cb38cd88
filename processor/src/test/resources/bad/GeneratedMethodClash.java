package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Optimizer;
import chainrule.Sigmoid;
import java.io.IOException;
import java.nio.file.Path;

@Network
abstract class GeneratedMethodClash {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  final float[] forward(float[] x, int rows) { return x; }

  void forwardPass(float[] input, int rows) {}

  double lossAndGradients(float[] x, float[] y, int rows) { return 0; }

  static float trainStep(float[] x, float[] y, int rows, Optimizer optimizer) { return 0; }

  int create(long seed) { return 0; }

  /** Found by a probe: inherited beside the generated create(long), GeneratedMethodClashNet.create(777) picks it. */
  static GeneratedMethodClash create(int seed) { return null; }

  /** The generated toString, which prints the architecture, would replace it. */
  @Override
  public String toString() { return "mine"; }

  /** Fine: the generated class implements it, and may throw less than it declares. */
  abstract void save(Path file) throws Exception;
}

/** The generated save and load declare IOException, which these do not. */
@Network
abstract class GeneratedMethodClashThrows {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  void save(Path p) {}

  abstract void load(Path p);
}

/** The generated forward would replace this body. */
@Network
abstract class GeneratedMethodClashBody {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  public float[] forward(float[] x, int rows) { return x; }

  /** Fine: abstract, so the generated class implements it. */
  public abstract void load(Path p) throws IOException;
}

interface Saver {
  void save(Path file);
}

/** Inherited from an interface, without IOException: reported on the class. */
@Network
abstract class GeneratedMethodClashInherited implements Saver {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}

interface SpecialPath extends Path {}

abstract class PathSaver<P extends Path> {
  abstract void save(P file) throws IOException;
}

/** save(SpecialPath) as a member, save(Path) erased: the generated save(Path) would neither override it nor coexist. */
@Network
abstract class GeneratedMethodClashErasure extends PathSaver<SpecialPath> {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;
}
