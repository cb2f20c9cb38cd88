package chainrule.examples.bench;

import chainrule.examples.Options;
import chainrule.internal.AtomicFile;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
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
 * {@code bench}: the benchmark suite of issues 4 and 11, on JMH. Each run is one JMH benchmark in a fresh JVM
 * (one fork) with the GC profiler; it reports the median of the mean time per step over the measurement
 * iterations, the GFLOP/s that makes ({@code 6 × rows × Σ in·out} a step), that as a fraction of the
 * machine's single-core peak (the {@code peak} run, {@link PeakBenchmark}) and the bytes allocated per step.
 * The forks run with {@code --add-modules jdk.incubator.vector} (the fast matrix products), except the
 * {@code scalar} runs, which show what a JVM without the flag gets.
 *
 * <p>The runs alternate in rounds (3 by default, one JVM per run and round), so that the slow and fast
 * spells of a shared machine fall on all of them alike; a ratio is taken round by round, then the median.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar bench [--quick] [--rounds N] [--only ID,..]
 * [--json FILE]}: about 6 minutes, {@code --quick} about 2. {@code examples/bench/run.sh} runs it in turn
 * with PyTorch's side ({@code torch_bench.py}) and prints the ratios.
 */
public final class BenchProgram {
  private BenchProgram() {}

  /** Whether this JDK has the Vector API at all (the forks add it with {@code --add-modules}). */
  private static final boolean VECTOR_MODULE = ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();

  /** Seconds to wait for another JMH on the machine to finish before running alongside it. */
  private static final int LOCK_WAIT_S = 300;

  /** The run that measures the machine's single-core peak, {@link PeakBenchmark}. */
  static final String PEAK = "peak";

  /**
   * One benchmark run: a case ({@code null} for {@link #PEAK}) on a thread count, generated or hand-written,
   * with or without the Vector API, timing {@code benchmark}'s method {@code method}.
   */
  record Run(String id, Case model, int threads, boolean vector, Class<?> benchmark, String method) {
    Run(String id, Case model, int threads, boolean vector, Class<?> benchmark) {
      this(id, model, threads, vector, benchmark, "trainStep");
    }
  }

  /** The suite, in the order it runs and prints. */
  static final List<Run> SUITE = List.of(
      new Run(PEAK, null, 1, true, PeakBenchmark.class, "fma"),
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

  /**
   * One fork of one run: the mean ns per call of each measurement iteration, bytes per call (NaN for the
   * peak, which runs without the GC profiler) and floating-point operations per call.
   */
  private record Fork(double[] iterationNs, double bytesPerStep, double flopsPerCall) {}

  /** What one run measured over all rounds. */
  record Measured(Run run, List<double[]> rounds, double bytesPerStep, double flopsPerStep) {
    /** The median over every measurement iteration of every round. */
    double medianNs() {
      return median(rounds.stream().flatMapToDouble(Arrays::stream).toArray());
    }

    double roundMedianNs(int round) {
      return median(rounds.get(round));
    }

    double gflops() {
      return flopsPerStep / medianNs();
    }

    double roundGflops(int round) {
      return flopsPerStep / roundMedianNs(round);
    }
  }

  public static void run(String[] args, PrintStream out) throws RunnerException, IOException {
    Options options = Options.parse("bench", args, List.of("--rounds", "--json", "--only"), List.of("--quick"),
        "--quick, --rounds N, --only ID,.., --json FILE; ids: " + String.join(", ", ids()));
    boolean quick = options.flag("--quick");
    int rounds = options.positive("--rounds", 3, 1000);
    Path json = options.path("--json", null);
    List<String> only = options.list("--only", ids(), null);
    if (json != null) {
      writable(json); // before minutes of measuring, not after
    }
    List<Run> runs = new ArrayList<>();
    for (Run run : SUITE) {
      if (only != null && !only.contains(run.id())) {
        continue;
      }
      if (run.vector() && !VECTOR_MODULE) {
        out.printf("%s: skipped, this JDK has no jdk.incubator.vector module%n", run.id());
      } else {
        runs.add(run);
      }
    }
    out.printf("chainrule benchmark suite: %s %s, %d cores; %d round(s) of %d runs, a JVM each%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), rounds, runs.size());
    List<List<double[]>> iterations = new ArrayList<>();
    List<List<Double>> bytes = new ArrayList<>();
    List<List<Double>> flops = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      iterations.add(new ArrayList<>());
      bytes.add(new ArrayList<>());
      flops.add(new ArrayList<>());
    }
    for (int round = 0; round < rounds; round++) {
      for (int r = 0; r < runs.size(); r++) {
        Fork fork = measure(runs.get(r), quick, out);
        iterations.get(r).add(fork.iterationNs());
        bytes.get(r).add(fork.bytesPerStep());
        flops.get(r).add(fork.flopsPerCall());
        out.printf(Locale.ROOT, "  round %d  %-14s %12.3f µs/step %9.2f GFLOP/s%n", round + 1, runs.get(r).id(),
            median(fork.iterationNs()) / 1e3, fork.flopsPerCall() / median(fork.iterationNs()));
      }
    }
    List<Measured> results = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      results.add(new Measured(runs.get(r), iterations.get(r), median(toArray(bytes.get(r))),
          median(toArray(flops.get(r)))));
    }
    Measured peak = find(results, PEAK);
    out.printf("%n%-14s %-16s %7s %6s %12s %9s %7s %9s%n", "run", "model", "threads", "vector", "µs/step", "GFLOP/s",
        "% peak", "B/step");
    for (Measured m : results) {
      Run run = m.run();
      String model = run.model() == null ? "FMA, registers" : run.model().architecture();
      String ofPeak = peak == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * roundRatio(peak, m));
      String perStep = Double.isNaN(m.bytesPerStep()) ? "-" : String.format(Locale.ROOT, "%.1f", m.bytesPerStep());
      out.printf(Locale.ROOT, "%-14s %-16s %7d %6s %12.3f %9.2f %7s %9s%n", run.id(), model, run.threads(),
          run.vector() ? "yes" : "no", m.medianNs() / 1e3, m.gflops(), ofPeak, perStep);
    }
    out.println("µs/step: median over all measurement iterations (for peak: one call, "
        + PeakBenchmark.ITERATIONS + " × " + PeakBenchmark.ACCUMULATORS + " vector FMAs).");
    out.println("% peak: GFLOP/s over the peak's, round by round, median (1 thread; 2-thread runs can pass 100%).");
    out.println("B/step: JMH's gc.alloc.rate.norm, which includes JMH's own ~6 kB an iteration (~200 B/step at");
    out.println("40 ms a step); StepAllocationTest finds 0.");
    if (quick) {
      // 0.9 s of warm-up: the larger steps still run in part before C2 has compiled the Vector API kernels,
      // which allocate there (mnist-nn: ~300-400 kB a step in --quick, ~5 B in a full run)
      out.println("--quick: a smoke run; its warm-up is too short for a steady state, so neither its times nor");
      out.println("its B/step are to be quoted (run without --quick).");
    }
    printGoals(results, out);
    if (json != null) {
      AtomicFile.write(json, json(results).getBytes(StandardCharsets.UTF_8));
      out.println("wrote " + json);
    }
  }

  /** The goals of issue 11 this suite can judge alone; those against PyTorch are judged by torch_bench.py. */
  private static void printGoals(List<Measured> results, PrintStream out) {
    Measured hand = find(results, "xor-hand");
    Measured xor = find(results, "xor");
    Measured large = find(results, "large");
    Measured large2 = find(results, "large-2t");
    Measured peak = find(results, PEAK);
    if (hand != null && xor != null) {
      double ratio = roundRatio(xor, hand);
      out.printf(Locale.ROOT, "xor: generated / hand-written time = %.3f (goal <= 1.05: %s)%n", ratio,
          ratio <= 1.05 ? "met" : "not met");
    }
    if (large != null && large2 != null) {
      double speedup = roundRatio(large, large2);
      out.printf(Locale.ROOT, "large: 2-thread speed / 1-thread speed = %.2f (goal >= 1.7: %s)%n", speedup,
          speedup >= 1.7 ? "met" : "not met");
    }
    if (large != null && peak != null) {
      double fraction = roundRatio(peak, large);
      out.printf(Locale.ROOT, "large: %.0f%% of the single-core FMA peak (%.1f GFLOP/s) (goal >= 80%%: %s)%n",
          100 * fraction, peak.gflops(), fraction >= 0.8 ? "met" : "not met");
    }
  }

  /**
   * The median over rounds of {@code a}'s time / {@code b}'s time, each a round's median; for the peak as
   * {@code a}, {@code b}'s GFLOP/s over the peak's (time alone would compare calls of different work).
   */
  static double roundRatio(Measured a, Measured b) {
    double[] ratios = new double[a.rounds().size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = a.run().model() == null || b.run().model() == null
          ? b.roundGflops(round) / a.roundGflops(round)
          : a.roundMedianNs(round) / b.roundMedianNs(round);
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

  private static Fork measure(Run run, boolean quick, PrintStream out) throws RunnerException {
    TimeValue time = quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
    boolean peak = run.benchmark() == PeakBenchmark.class;
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(run.benchmark().getName()) + "\\." + run.method() + "$")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(time)
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(time)
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    if (!peak) {
      options.addProfiler(GCProfiler.class);
    }
    if (run.benchmark() == StepBenchmark.class) {
      options.param("model", run.model().id).param("threads", String.valueOf(run.threads()));
    }
    if (run.vector()) {
      // steady state only: the vector path from the first product, no warm-up thread beside the measured one
      // (the first steps of a fresh JVM are first-step's business)
      options.jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Dchainrule.warmup=false");
    }
    RunResult result = runWhenFree(options, out);
    if (!result.getParams().getTimeUnit().equals(TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("expected ns/op, got " + result.getParams().getTimeUnit());
    }
    List<Double> scores = new ArrayList<>();
    List<Double> flops = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        double score = iteration.getPrimaryResult().getScore();
        if (peak) {
          // throughput mode: calls per ns, and the Flops counter's flops per ns; a call is their ratio
          flops.add(secondary(iteration.getSecondaryResults(), "flops") / score);
          score = 1 / score;
        }
        scores.add(score);
      }
    }
    double[] ns = toArray(scores);
    if (peak) {
      return new Fork(ns, Double.NaN, Math.rint(median(toArray(flops))));
    }
    return new Fork(ns, secondary(result.getSecondaryResults(), "gc.alloc.rate.norm"), run.model().flops());
  }

  /**
   * Runs a benchmark once no other JMH on the machine is measuring: JMH refuses to start while another holds
   * its lock file ({@code /tmp/jmh.lock}), so on a shared machine this waits for it, up to {@link #LOCK_WAIT_S}
   * seconds, then runs anyway (said so: the figures then include the other's load).
   */
  private static RunResult runWhenFree(ChainedOptionsBuilder options, PrintStream out) throws RunnerException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_WAIT_S);
    while (true) {
      try {
        return new Runner(options.build()).runSingle();
      } catch (RunnerException e) {
        if (e.getMessage() == null || !e.getMessage().contains("JMH lock")) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          out.printf("  another JMH held its lock for %d s: running alongside it%n", LOCK_WAIT_S);
          System.setProperty("jmh.ignoreLock", "true");
        } else {
          try {
            Thread.sleep(2000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }

  /**
   * A secondary result by the end of its name: the GC profiler's {@code gc.alloc.rate.norm} (bytes allocated
   * per call), {@link PeakBenchmark}'s {@code flops} counter (flops per ns).
   */
  private static double secondary(Map<String, Result> secondary, String name) {
    for (Map.Entry<String, Result> entry : secondary.entrySet()) {
      if (entry.getKey().endsWith(name)) {
        return entry.getValue().getScore();
      }
    }
    throw new IllegalStateException("expected a secondary result " + name + " among " + secondary.keySet());
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
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
      Case model = run.model();
      // JSON has no NaN: the peak's bytes per call (not measured) is null
      String bytesPerStep = Double.isNaN(m.bytesPerStep()) ? "null"
          : String.format(Locale.ROOT, "%.3f", m.bytesPerStep());
      text.append(String.format(Locale.ROOT,
          "    {\"id\": \"%s\", \"case\": %s, \"architecture\": %s, \"rows\": %d, \"threads\": %d, "
              + "\"vector\": %s, \"hand_written\": %s, \"median_ns\": %.3f, \"gflops\": %.4f, "
              + "\"bytes_per_step\": %s, \"flops_per_step\": %.0f, \"rounds_ns\": [%s]}%s%n",
          run.id(), model == null ? "null" : '"' + model.id + '"',
          model == null ? "null" : '"' + model.architecture() + '"', model == null ? 0 : model.rows,
          run.threads(), run.vector(), run.benchmark() == HandWrittenXorBenchmark.class, m.medianNs(),
          m.gflops(), bytesPerStep, m.flopsPerStep(), String.join(", ", rounds), i + 1 < results.size() ? "," : ""));
    }
    return text.append("  ]\n}\n").toString();
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Run run : SUITE) {
      ids.add(run.id());
    }
    return ids;
  }

  /** {@code file} can be written: not a directory, in a directory that exists or can be made. */
  private static void writable(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("--json " + file + " is a directory; give the path of a file");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
