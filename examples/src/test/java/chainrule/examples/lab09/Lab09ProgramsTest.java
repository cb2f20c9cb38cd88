package chainrule.examples.lab09;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Classifier;
import chainrule.examples.PythonFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab-09 programs against PyTorch 1.13 running the same notebooks on the same Fashion-MNIST files
 * ({@code reference/lab09/*.py}, traces in {@code /reference/lab09/<program>.txt}): the initial parameters bit
 * for bit (SHA-256 of each tensor), then the first steps of epoch 1 (its step losses, each before its update)
 * within a measured tolerance, and for the cheap networks the whole first epoch and its printed
 * {@code avg_cost}.
 *
 * <p>Why a tolerance: chainrule's matrix products sum in another order than torch's BLAS, so the first step's
 * loss already differs in its last bits, and Adam turns the rounding differences of the gradients into
 * parameter differences that training then carries along. The tolerances are the largest relative difference
 * measured over the steps compared (stated in the README, "The lecture's next chapter"), with a margin of about
 * two.
 */
class Lab09ProgramsTest {
  private static MnistFiles files;

  @BeforeAll
  static void readData() throws IOException {
    files = MnistFiles.read(Lab09Trace.dataDir());
  }

  /** Relative difference allowed in the steps before training has amplified the rounding differences. */
  static final double TIGHT = 1e-6;

  /**
   * One program's case: its trace, its network, its parameter tensors (names, sizes), how many steps of epoch 1 to
   * run, how many of them must agree within {@link #TIGHT}, the tolerance of the rest, and of the epoch's cost
   * (when all 600 steps run).
   */
  record Case(String program, Notebook notebook, LongFunction<Classifier> create, String[] tensors, int[] sizes,
      int steps, int tightSteps, double stepTolerance, double epochTolerance) {}

  static String[] linears(String... names) {
    String[] tensors = new String[2 * names.length];
    for (int i = 0; i < names.length; i++) {
      tensors[2 * i] = names[i] + ".weight";
      tensors[2 * i + 1] = names[i] + ".bias";
    }
    return tensors;
  }

  /** Sizes of weight, bias, weight, bias … for the layer widths {@code in, h1, …, out}. */
  static int[] sizes(int... widths) {
    int[] sizes = new int[2 * (widths.length - 1)];
    for (int i = 0; i + 1 < widths.length; i++) {
      sizes[2 * i] = widths[i] * widths[i + 1];
      sizes[2 * i + 1] = widths[i + 1];
    }
    return sizes;
  }

  static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  /** Checks the case and returns the largest relative step difference, for the message. */
  static void check(Case c) {
    Lab09Trace trace = Lab09Trace.of(c.program());
    Classifier net = c.create().apply(c.notebook().torchSeed());
    float[] params = net.parameters();
    int offset = 0;
    for (int t = 0; t < c.tensors().length; t++) {
      assertEquals(trace.initSha256(c.tensors()[t]), Lab09Trace.sha256(params, offset, c.sizes()[t]),
          c.program() + ": SHA-256 of the initial " + c.tensors()[t]);
      offset += c.sizes()[t];
    }
    assertEquals(params.length, offset, "parameter count");

    float[] expected = trace.firstEpochSteps();
    boolean wholeEpoch = c.steps() == expected.length;
    Notebook.Result result = c.notebook().run(net, files, 1, wholeEpoch ? 0 : c.steps(), NOWHERE);
    float[] steps = result.firstEpochSteps();
    assertEquals(c.steps(), steps.length, "steps run");
    double worst = 0;
    int worstStep = 0;
    int identical = 0;
    StringBuilder growth = new StringBuilder();
    for (int i = 0; i < steps.length; i++) {
      double d = Math.abs(steps[i] - expected[i]) / Math.abs(expected[i]);
      identical += steps[i] == expected[i] ? 1 : 0;
      if (d > worst) {
        worst = d;
        worstStep = i + 1;
      }
      if (i + 1 == 1 || i + 1 == 10 || i + 1 == 50 || i + 1 == 100 || i + 1 == 200 || i + 1 == 600) {
        growth.append(String.format(Locale.ROOT, " %d: %.1e", i + 1, worst));
      }
    }
    System.out.println(c.program() + ": largest relative step difference up to step" + growth);
    System.out.printf(Locale.ROOT, "%s: %d steps, %d bit-identical to torch, largest relative difference %.2e "
        + "(step %d: %s vs %s)%n", c.program(), steps.length, identical, worst, worstStep,
        worstStep == 0 ? "-" : steps[worstStep - 1], worstStep == 0 ? "-" : expected[worstStep - 1]);
    assertEquals(expected[0], steps[0], c.program() + ": the first step's loss, bit for bit");
    for (int i = 0; i < c.tightSteps(); i++) {
      double d = Math.abs(steps[i] - expected[i]) / Math.abs(expected[i]);
      assertTrue(d <= TIGHT, c.program() + ": step " + (i + 1) + " loss " + steps[i] + " vs torch " + expected[i]
          + ", relative " + d + " exceeds " + TIGHT);
    }
    assertTrue(worst <= c.stepTolerance(), c.program() + ": largest relative step difference " + worst
        + " at step " + worstStep + " exceeds " + c.stepTolerance());
    if (wholeEpoch) {
      float cost = result.epochCosts()[0];
      double d = Math.abs(cost - trace.epochCost(1)) / trace.epochCost(1);
      System.out.printf(Locale.ROOT, "%s: epoch 1 cost %s vs torch %s (relative %.2e)%n", c.program(),
          PythonFormat.fixed(cost, 9), PythonFormat.fixed(trace.epochCost(1), 9), d);
      assertTrue(d <= c.epochTolerance(), c.program() + ": epoch 1 cost " + cost + " vs torch "
          + trace.epochCost(1) + ", relative " + d + " exceeds " + c.epochTolerance());
    }
  }

  // The tolerances: what was measured over the same steps (README), about doubled.

  @Test
  void mnistSoftmax() { // measured: all 600 steps within 4.7e-7, the epoch cost bit-identical
    check(new Case("mnist-softmax", MnistSoftmaxProgram.NOTEBOOK, MnistSoftmaxNet::create, linears("linear"),
        sizes(784, 10), 600, 600, TIGHT, 1e-6));
  }

  @Test
  void mnistNn() { // measured: 10 steps within 1.7e-7, 600 within 0.17, epoch cost 4.9e-4
    check(new Case("mnist-nn", MnistNnProgram.NOTEBOOK, MnistNnNet::create, linears("linear1", "linear2", "linear3"),
        sizes(784, 256, 256, 10), 600, 10, 0.35, 1e-3));
  }

  @Test
  void mnistNnXavier() { // measured: 100 steps within 4.5e-7, 600 within 0.11, epoch cost 7.8e-4
    check(new Case("mnist-nn-xavier", MnistNnXavierProgram.NOTEBOOK, MnistNnXavierNet::create,
        linears("linear1", "linear2", "linear3"), sizes(784, 256, 256, 10), 600, 100, 0.25, 2e-3));
  }

  @Test
  void mnistNnDeep() { // measured: 10 steps within 2.1e-7, 100 within 7.3e-2 (600: 0.31, epoch cost 2.6e-3)
    check(new Case("mnist-nn-deep", MnistNnDeepProgram.NOTEBOOK, MnistNnDeepNet::create,
        linears("linear1", "linear2", "linear3", "linear4", "linear5"), sizes(784, 512, 512, 512, 512, 10), 100, 10,
        0.15, 0));
  }

  @Test
  void mnistNnDropout() { // measured: step 1 bit-identical (the masks are torch's), 10 within 2.3e-5, 100 within 0.13
    check(new Case("mnist-nn-dropout", MnistNnDropoutProgram.NOTEBOOK, MnistNnDropoutNet::create,
        linears("linear1", "linear2", "linear3", "linear4", "linear5"), sizes(784, 512, 512, 512, 512, 10), 100, 1,
        0.3, 0));
  }
}
