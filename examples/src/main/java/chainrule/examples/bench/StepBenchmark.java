package chainrule.examples.bench;

import chainrule.Classifier;
import chainrule.Optimizer;
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
 * One whole training step of a generated network (forward, loss, backward, update), full batch, as a user
 * calls it: {@code net.trainStep(x, y, rows, sgd)}, or for {@code mnist-nn} (cross-entropy, Adam)
 * {@code net.trainStep(x, labels, rows, adam)}. {@link BenchProgram} runs it for each {@link Case}.
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

  /** The network: one of these two is null. */
  private Trainable net;
  private Classifier classifier;
  private float[] x;
  private float[] y;
  private int[] labels;
  private int rows;
  private Optimizer optimizer;

  @Setup
  public void setUp() {
    Case c = Case.byId(model);
    if (c.classifies()) {
      classifier = c.classifier(threads);
      labels = c.labels();
    } else {
      net = c.create(threads);
      y = c.y();
    }
    x = c.x();
    rows = c.rows;
    optimizer = c.optimizer();
  }

  @Benchmark
  public float trainStep() {
    return net != null ? net.trainStep(x, y, rows, optimizer) : classifier.trainStep(x, labels, rows, optimizer);
  }
}
