package chainrule.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code bench}: the benchmark suite of issue 4, on JMH. Each run is one JMH benchmark in a fresh JVM (one
 * fork) with the GC profiler; it reports the median of the mean time per step over the measurement
 * iterations, the GFLOP/s that makes ({@code 6 × rows × Σ in·out} a step) and the bytes allocated per step.
 * The forks run with {@code --add-modules jdk.incubator.vector} (the fast matrix products), except the
 * {@code scalar} runs, which show what a JVM without the flag gets.
 *
 * <p>The runs alternate in rounds (3 by default, one JVM per run and round), so that the slow and fast
 * spells of a shared machine fall on all of them alike; a ratio is taken round by round, then the median.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar bench [--quick] [--rounds N] [--only ID,..]
 * [--json FILE]}: about 4 minutes, {@code --quick} about 2. {@code examples/bench/run.sh} runs it in turn
 * with PyTorch's side ({@code torch_bench.py}) and prints the ratios.
 */
public final class BenchProgram {
  private BenchProgram() {}

  /** One benchmark run: a case on a thread count, generated or hand-written, with or without the Vector API. */
  record Run(String id, Case model, int threads, boolean vector, Class<?> benchmark) {}

  /** The suite, in the order it runs and prints. */
  static final List<Run> SUITE = List.of(
      new Run("xor-hand", Case.XOR, 1, true, HandWrittenXorBenchmark.class),
      new Run("xor", Case.XOR, 1, true, StepBenchmark.class),
      new Run("xor-wide-deep", Case.XOR_WIDE_DEEP, 1, true, StepBenchmark.class),
      new Run("medium", Case.MEDIUM, 1, true, StepBenchmark.class),
      new Run("medium-2t", Case.MEDIUM, 2, true, StepBenchmark.class),
      new Run("large", Case.LARGE, 1, true, StepBenchmark.class),
      new Run("large-2t", Case.LARGE, 2, true, StepBenchmark.class),
      new Run("mnist-nn", Case.MNIST_NN, 1, true, StepBenchmark.class),
      new Run("medium-scalar", Case.MEDIUM, 1, false, StepBenchmark.class),
      new Run("large-scalar", Case.LARGE, 1, false, StepBenchmark.class));

  /** One fork of one run: the mean ns per step of each measurement iteration, and bytes per step. */
  private record Fork(double[] iterationNs, double bytesPerStep) {}

  /** What one run measured over all rounds. */
  record Measured(Run run, List<double[]> rounds, double bytesPerStep) {
    /** The median over every measurement iteration of every round. */
    double medianNs() {
      return median(rounds.stream().flatMapToDouble(Arrays::stream).toArray());
    }

    double roundMedianNs(int round) {
      return median(rounds.get(round));
    }

    double gflops() {
      return run.model().flops() / medianNs();
    }
  }

  public static void run(String[] args, PrintStream out) throws RunnerException, IOException {
    boolean quick = false;
    int rounds = 3;
    Path json = null;
    List<String> only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        default -> throw new IllegalArgumentException(
            "usage: bench [--quick] [--rounds N] [--only ID,..] [--json FILE]; ids: " + ids());
      }
    }
    List<Run> runs = new ArrayList<>();
    for (Run run : SUITE) {
      if (only == null || only.contains(run.id())) {
        runs.add(run);
      }
    }
    out.printf("chainrule benchmark suite: %s %s, %d cores; %d round(s) of %d runs, a JVM each%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), rounds, runs.size());
    List<List<double[]>> iterations = new ArrayList<>();
    List<List<Double>> bytes = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      iterations.add(new ArrayList<>());
      bytes.add(new ArrayList<>());
    }
    for (int round = 0; round < rounds; round++) {
      for (int r = 0; r < runs.size(); r++) {
        Fork fork = measure(runs.get(r), quick);
        iterations.get(r).add(fork.iterationNs());
        bytes.get(r).add(fork.bytesPerStep());
        out.printf(Locale.ROOT, "  round %d  %-14s %12.3f µs/step%n", round + 1, runs.get(r).id(),
            median(fork.iterationNs()) / 1e3);
      }
    }
    List<Measured> results = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      double[] b = bytes.get(r).stream().mapToDouble(Double::doubleValue).toArray();
      results.add(new Measured(runs.get(r), iterations.get(r), median(b)));
    }
    out.printf("%n%-14s %-16s %7s %6s %12s %9s %9s%n", "run", "model", "threads", "vector", "µs/step", "GFLOP/s",
        "B/step");
    for (Measured m : results) {
      Run run = m.run();
      out.printf(Locale.ROOT, "%-14s %-16s %7d %6s %12.3f %9.2f %9.1f%n", run.id(), run.model().architecture(),
          run.threads(), run.vector() ? "yes" : "no", m.medianNs() / 1e3, m.gflops(), m.bytesPerStep());
    }
    out.println("µs/step: median over all measurement iterations. B/step: JMH's gc.alloc.rate.norm, which");
    out.println("includes JMH's own ~6 kB an iteration (~200 B/step at 40 ms a step); StepAllocationTest finds 0.");
    printGoals(results, out);
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(json, json(results), StandardCharsets.UTF_8);
      out.println("wrote " + json);
    }
  }

  /** The goals this suite can judge alone; those against PyTorch are judged by torch_bench.py. */
  private static void printGoals(List<Measured> results, PrintStream out) {
    Measured hand = find(results, "xor-hand");
    Measured xor = find(results, "xor");
    Measured large = find(results, "large");
    Measured large2 = find(results, "large-2t");
    if (hand != null && xor != null) {
      double ratio = roundRatio(xor, hand);
      out.printf(Locale.ROOT, "xor: generated / hand-written time = %.3f (goal <= 1.10: %s)%n", ratio,
          ratio <= 1.10 ? "met" : "not met");
    }
    if (large != null && large2 != null) {
      double speedup = roundRatio(large, large2);
      out.printf(Locale.ROOT, "large: 2-thread speed / 1-thread speed = %.2f (goal >= 1.6: %s)%n", speedup,
          speedup >= 1.6 ? "met" : "not met");
    }
  }

  /** The median over rounds of {@code a}'s time / {@code b}'s time, each a round's median. */
  static double roundRatio(Measured a, Measured b) {
    double[] ratios = new double[a.rounds().size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = a.roundMedianNs(round) / b.roundMedianNs(round);
    }
    return median(ratios);
  }

  private static Measured find(List<Measured> results, String id) {
    for (Measured m : results) {
      if (m.run().id().equals(id)) {
        return m;
      }
    }
    return null;
  }

  private static Fork measure(Run run, boolean quick) throws RunnerException {
    TimeValue time = quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(run.benchmark().getName()) + "\\.trainStep$")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(time)
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(time)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    if (run.benchmark() == StepBenchmark.class) {
      options.param("model", run.model().id).param("threads", String.valueOf(run.threads()));
    }
    if (run.vector()) {
      options.jvmArgsAppend("--add-modules=jdk.incubator.vector");
    }
    RunResult result = new Runner(options.build()).runSingle();
    if (!result.getParams().getTimeUnit().equals(TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("expected ns/op, got " + result.getParams().getTimeUnit());
    }
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    return new Fork(scores.stream().mapToDouble(Double::doubleValue).toArray(),
        allocation(result.getSecondaryResults()));
  }

  /** The GC profiler's {@code gc.alloc.rate.norm}: bytes allocated per benchmark call. */
  private static double allocation(Map<String, Result> secondary) {
    for (Map.Entry<String, Result> entry : secondary.entrySet()) {
      if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
        return entry.getValue().getScore();
      }
    }
    throw new IllegalStateException("no gc.alloc.rate.norm among " + secondary.keySet());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String json(List<Measured> results) {
    StringBuilder text = new StringBuilder();
    text.append("{\n  \"jvm\": \"").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.version")).append("\",\n  \"runs\": [\n");
    for (int i = 0; i < results.size(); i++) {
      Measured m = results.get(i);
      Run run = m.run();
      List<String> rounds = new ArrayList<>();
      for (double[] round : m.rounds()) {
        rounds.add(Arrays.toString(round));
      }
      text.append(String.format(Locale.ROOT,
          "    {\"id\": \"%s\", \"case\": \"%s\", \"architecture\": \"%s\", \"rows\": %d, \"threads\": %d, "
              + "\"vector\": %s, \"hand_written\": %s, \"median_ns\": %.3f, \"gflops\": %.4f, "
              + "\"bytes_per_step\": %.3f, \"flops_per_step\": %.0f, \"rounds_ns\": [%s]}%s%n",
          run.id(), run.model().id, run.model().architecture(), run.model().rows, run.threads(), run.vector(),
          run.benchmark() == HandWrittenXorBenchmark.class, m.medianNs(), m.gflops(), m.bytesPerStep(),
          run.model().flops(), String.join(", ", rounds), i + 1 < results.size() ? "," : ""));
    }
    return text.append("  ]\n}\n").toString();
  }

  private static String ids() {
    List<String> ids = new ArrayList<>();
    for (Run run : SUITE) {
      ids.add(run.id());
    }
    return String.join(", ", ids);
  }
}
