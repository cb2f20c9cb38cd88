package chainrule.examples.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The single-core peak of float fused multiply-adds on this machine, the yardstick of the suite's GFLOP/s
 * ({@code peak} in {@link BenchProgram}): a register-only Vector API kernel, {@code a = a·b + c} on
 * {@value #ACCUMULATORS} independent accumulators of the JVM's preferred vector width, with no memory access in
 * the loop.
 *
 * <p>Why {@value #ACCUMULATORS}: a core keeps {@code latency × pipes} fused multiply-adds in flight, 4 × 2 = 8 on
 * Zen 4/5 and on Intel since Skylake, 5 × 2 = 10 on Haswell; fewer accumulators would measure the latency, not
 * the throughput. 12 accumulators and the two operands take 14 registers, within AVX2's 16 and AVX-512's 32, so
 * nothing spills. (On the AMD EPYC, Zen 5, of issue 11, 8, 12 and 16 accumulators measured the same, ~264
 * GFLOP/s, 2 fused multiply-adds of 16 lanes a cycle at ~4.1 GHz; 20 measured 20% less.) {@code b} slightly below 1 and a small {@code c} keep every value near {@code c / (1 − b)}: no
 * overflow and no subnormals (which would slow some CPUs down).
 *
 * <p>It runs in throughput mode; the {@link Flops} counter turns calls into floating-point operations, 2 per
 * lane of each fused multiply-add, so JMH reports it directly in flops per ns, that is GFLOP/s. The lane count
 * is the fork's own ({@code FloatVector.SPECIES_PREFERRED}: 16 with AVX-512, 8 with AVX2), which the calling
 * JVM cannot see, since it runs without {@code --add-modules jdk.incubator.vector}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeakBenchmark {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int ACCUMULATORS = 12;
  /** Loop trips a call: 2¹⁶ × 12 fused multiply-adds, ~0.1 ms at 2 a cycle. */
  static final int ITERATIONS = 1 << 16;

  /** Floating-point operations done, for JMH to divide by time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public long flops;

    @Setup
    public void clear() {
      flops = 0;
    }
  }

  /** In fields, not constants, so that C2 cannot fold the loop. */
  public float scale = 0.999f;
  public float shift = 0.001f;

  @Benchmark
  public void fma(Flops counter, Blackhole blackhole) {
    FloatVector b = FloatVector.broadcast(SPECIES, scale);
    FloatVector c = FloatVector.broadcast(SPECIES, shift);
    FloatVector a0 = FloatVector.broadcast(SPECIES, 0.10f);
    FloatVector a1 = FloatVector.broadcast(SPECIES, 0.11f);
    FloatVector a2 = FloatVector.broadcast(SPECIES, 0.12f);
    FloatVector a3 = FloatVector.broadcast(SPECIES, 0.13f);
    FloatVector a4 = FloatVector.broadcast(SPECIES, 0.14f);
    FloatVector a5 = FloatVector.broadcast(SPECIES, 0.15f);
    FloatVector a6 = FloatVector.broadcast(SPECIES, 0.16f);
    FloatVector a7 = FloatVector.broadcast(SPECIES, 0.17f);
    FloatVector a8 = FloatVector.broadcast(SPECIES, 0.18f);
    FloatVector a9 = FloatVector.broadcast(SPECIES, 0.19f);
    FloatVector a10 = FloatVector.broadcast(SPECIES, 0.20f);
    FloatVector a11 = FloatVector.broadcast(SPECIES, 0.21f);
    for (int i = 0; i < ITERATIONS; i++) {
      a0 = a0.fma(b, c);
      a1 = a1.fma(b, c);
      a2 = a2.fma(b, c);
      a3 = a3.fma(b, c);
      a4 = a4.fma(b, c);
      a5 = a5.fma(b, c);
      a6 = a6.fma(b, c);
      a7 = a7.fma(b, c);
      a8 = a8.fma(b, c);
      a9 = a9.fma(b, c);
      a10 = a10.fma(b, c);
      a11 = a11.fma(b, c);
    }
    // every accumulator reaches the Blackhole, so none of the chains is dead code
    blackhole.consume(a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10)
        .add(a11).reduceLanes(VectorOperators.ADD));
    counter.flops += 2L * SPECIES.length() * ACCUMULATORS * ITERATIONS;
  }
}
