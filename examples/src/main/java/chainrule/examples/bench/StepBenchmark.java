package chainrule.examples.bench;

import chainrule.Sgd;
import chainrule.Trainable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole training step of a generated network (forward, BCE, backward, SGD update), full batch, as a
 * user calls it: {@code net.trainStep(x, y, rows, sgd)}. {@link BenchProgram} runs it for each {@link Case}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StepBenchmark {
  /** A {@link Case} id. */
  @Param("xor")
  public String model;

  /** {@code net.threads(n)}. */
  @Param("1")
  public int threads;

  private Trainable net;
  private float[] x;
  private float[] y;
  private int rows;
  private Sgd sgd;

  @Setup
  public void setUp() {
    Case c = Case.byId(model);
    net = c.create(threads);
    x = c.x();
    y = c.y();
    rows = c.rows;
    sgd = new Sgd(c.lr);
  }

  @Benchmark
  public float trainStep() {
    return net.trainStep(x, y, rows, sgd);
  }
}
