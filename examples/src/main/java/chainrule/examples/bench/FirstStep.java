package chainrule.examples.bench;

import chainrule.Classifier;
import chainrule.Optimizer;
import chainrule.Trainable;
import chainrule.examples.Options;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code first-step}: what a user waits for before training gets going. In a fresh JVM, the time of
 * {@code create(777)} plus the first {@code trainStep} of a case (default {@code large}), then of steps 2 to
 * {@code --steps}, of {@code create} alone, and the CPU time of create + step 1 on the calling thread and in
 * the whole JVM: while the JIT compilers have not yet compiled the kernels, the first steps run interpreted
 * or at C1's speed. Each measurement is its own JVM ({@code java -cp <this jar>}), with and without the
 * Vector API, in alternating order, {@code --runs} times each; the table gives the median and the range.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar first-step [--runs N] [--steps N]
 * [--case ID]}; {@code --child} measures in this JVM and prints one line of milliseconds, which is what the
 * fresh JVMs run.
 */
public final class FirstStep {
  private FirstStep() {}

  public static void run(String[] args, PrintStream out) throws IOException, InterruptedException {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean child = rest.remove("--child");
    Options options = Options.parse("first-step", rest.toArray(String[]::new), List.of("--runs", "--steps", "--case"),
        "[--runs N] [--steps N] [--case ID] [--child]");
    int runs = options.positive("--runs", 5, 1000);
    int steps = options.positive("--steps", 5, 1_000_000);
    String id = options.string("--case", Case.LARGE.id);
    Case c = Case.byId(id);
    if (child) {
      out.println(format(measure(c, steps)));
      return;
    }
    out.printf("first-step: %s (%s, %d rows), create(%d) + step 1, then steps 2..%d; a fresh JVM each run, %s %s%n",
        c.id, c.architecture(), c.rows, Case.SEED, steps, System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    List<double[]> vector = new ArrayList<>();
    List<double[]> scalar = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      boolean vectorFirst = r % 2 == 0; // alternate, so that a slow spell of the machine hits both alike
      for (int k = 0; k < 2; k++) {
        boolean withVector = vectorFirst == (k == 0);
        double[] ms = fork(c, steps, withVector);
        (withVector ? vector : scalar).add(ms);
        out.printf(Locale.ROOT, "  run %d  vector %-3s %s%n", r + 1, withVector ? "yes" : "no", format(ms));
      }
    }
    StringBuilder header = new StringBuilder(String.format("%-8s %-25s", "vector", "create + step 1 ms"));
    for (int s = 2; s <= steps; s++) {
      header.append(String.format(" %-25s", "step " + s + " ms"));
    }
    header.append(String.format(" %-25s %-25s %-25s", "of which create ms", "create + step 1 CPU ms", "JVM CPU ms by then"));
    out.println();
    out.println(header.toString().stripTrailing());
    print(out, "yes", vector, steps);
    print(out, "no", scalar, steps);
    out.println("median [min, max] over the runs");
  }

  /**
   * Milliseconds: {@code create} + the first step, then each further step alone, then {@code create} alone,
   * then the CPU time of {@code create} + the first step on this thread, and of the whole JVM (compilers,
   * helper threads, start-up) until the end of the first step. On a shared machine the wall times grow with
   * the load; the CPU times much less.
   */
  static double[] measure(Case c, int steps) {
    float[] x = c.x();
    float[] y = c.classifies() ? null : c.y();
    int[] labels = c.classifies() ? c.labels() : null;
    Optimizer optimizer = c.optimizer();
    ThreadMXBean thread = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] ms = new double[steps + 3];
    long cpu = thread.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Trainable net = c.classifies() ? null : c.create(1);
    Classifier classifier = c.classifies() ? c.classifier(1) : null;
    ms[steps] = (System.nanoTime() - start) / 1e6;
    for (int s = 0; s < steps; s++) {
      if (net != null) {
        net.trainStep(x, y, c.rows, optimizer);
      } else {
        classifier.trainStep(x, labels, c.rows, optimizer);
      }
      long now = System.nanoTime();
      ms[s] = (now - start) / 1e6;
      start = now;
      if (s == 0) {
        ms[steps + 1] = (thread.getCurrentThreadCpuTime() - cpu) / 1e6;
        ms[steps + 2] = process.getProcessCpuTime() / 1e6;
      }
    }
    return ms;
  }

  /** One fresh JVM running {@code first-step --child}, with or without {@code --add-modules jdk.incubator.vector}. */
  private static double[] fork(Case c, int steps, boolean vector) throws IOException, InterruptedException {
    return ChildJvm.run(vector, List.of("first-step", "--child", "--case", c.id, "--steps", String.valueOf(steps)));
  }

  private static String format(double[] ms) {
    StringBuilder text = new StringBuilder();
    for (double m : ms) {
      text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", m));
    }
    return text.toString();
  }

  private static void print(PrintStream out, String vector, List<double[]> runs, int steps) {
    StringBuilder line = new StringBuilder(String.format("%-8s", vector));
    for (int s = 0; s < steps + 3; s++) {
      double[] values = new double[runs.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = runs.get(r)[s];
      }
      Arrays.sort(values);
      line.append(String.format(Locale.ROOT, " %-25s", String.format(Locale.ROOT, "%.1f [%.1f, %.1f]",
          BenchProgram.median(values), values[0], values[values.length - 1])));
    }
    out.println(line.toString().stripTrailing());
  }
}
