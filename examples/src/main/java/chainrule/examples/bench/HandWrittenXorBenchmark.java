package chainrule.examples.bench;

import chainrule.examples.XorNnNet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The {@code xor} step written by hand ({@link HandWrittenXor}), the baseline of the {@code xor} case. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandWrittenXorBenchmark {
  private HandWrittenXor hand;
  private float[] x;
  private float[] y;

  @Setup
  public void setUp() {
    XorNnNet net = XorNnNet.create(Case.SEED);
    hand = new HandWrittenXor(net.linear1, net.linear2);
    x = Case.XOR.x();
    y = Case.XOR.y();
  }

  @Benchmark
  public float trainStep() {
    return hand.trainStep(x, y, Case.XOR.lr);
  }
}
