package chainrule.internal.fast;

import chainrule.internal.Kernels;
import chainrule.internal.Workers;

/**
 * Run by {@link ScalarWarningTest} in a JVM of its own, whose flags decide whether {@link ScalarWarning}
 * should be logged: {@code small} runs an XOR-sized layer forward and backward, {@code large} a layer of
 * {@link Fast#SMALL} multiply-adds and more (forward and backward, three times, to show the warning comes
 * once). Prints {@code vector <true|false>} to stdout; the warning goes to stderr.
 */
public final class ScalarWarningChild {
  private ScalarWarningChild() {}

  public static void main(String[] args) {
    boolean large = args[0].equals("large");
    int rows = large ? 64 : 4;
    int ins = large ? 64 : 2;
    int outs = large ? 64 : 2;
    float[] x = new float[rows * ins];
    float[] params = new float[outs * ins + outs];
    float[] out = new float[rows * outs];
    float[] grads = new float[params.length];
    float[] dx = new float[rows * ins];
    for (int i = 0; i < 3; i++) {
      Kernels.linearForward(out, x, params, 0, outs * ins, rows, ins, outs, Workers.of(1));
      Kernels.linearBackward(dx, grads, out, x, params, 0, outs * ins, rows, ins, outs, Workers.of(1));
    }
    System.out.println("vector " + Fast.vectorApi());
  }
}
