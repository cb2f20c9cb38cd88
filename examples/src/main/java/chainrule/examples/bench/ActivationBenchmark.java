package chainrule.examples.bench;

import chainrule.internal.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The activation kernels over one layer's output, 64 rows × 256 features: {@code Kernels.tanhForward},
 * {@code sigmoidForward}, {@code reluForward}, and the loops they replaced ({@code (float) Math.tanh(l)},
 * {@code (float) (1.0 / (1.0 + Math.exp(-l)))}), which give the same floats. Inputs are normal with standard
 * deviation 2, like pre-activations. Also BCE's loss over as many probabilities (uniform in [0, 1), targets 0
 * or 1), {@code Kernels.bceForward} and the loop it replaced ({@code Math.log}, {@code Math.log1p}). Not part of {@code bench}'s suite; run with {@code java -cp
 * examples/target/chainrule-examples.jar org.openjdk.jmh.Main ActivationBenchmark -f 1 -wi 5 -i 5 -w 1 -r 1},
 * adding {@code -jvmArgsAppend --add-modules=jdk.incubator.vector} for the Vector API ReLU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ActivationBenchmark {
  private static final int N = 64 * 256;

  /** The layer's output before the activation, and after. */
  private float[] l;
  private float[] a;
  /** Probabilities and BCE targets. */
  private float[] p;
  private float[] y;

  @Setup
  public void setUp() {
    Random random = new Random(Case.SEED);
    l = new float[N];
    for (int i = 0; i < N; i++) {
      l[i] = (float) (2 * random.nextGaussian());
    }
    a = new float[N];
    p = new float[N];
    y = new float[N];
    for (int i = 0; i < N; i++) {
      p[i] = random.nextFloat();
      y[i] = random.nextBoolean() ? 1f : 0f;
    }
  }

  @Benchmark
  public float[] tanh() {
    Kernels.tanhForward(a, l, N);
    return a;
  }

  @Benchmark
  public float[] sigmoid() {
    Kernels.sigmoidForward(a, l, N);
    return a;
  }

  @Benchmark
  public float[] relu() {
    Kernels.reluForward(a, l, N);
    return a;
  }

  /** What {@code tanhForward} was: a native call a float on JDK 17. */
  @Benchmark
  public float[] tanhMathTanh() {
    for (int i = 0; i < N; i++) {
      a[i] = (float) Math.tanh(l[i]);
    }
    return a;
  }

  /** What {@code sigmoidForward} was. */
  @Benchmark
  public float[] sigmoidMathExp() {
    for (int i = 0; i < N; i++) {
      a[i] = (float) (1.0 / (1.0 + Math.exp(-l[i])));
    }
    return a;
  }

  @Benchmark
  public float bce() {
    return Kernels.bceForward(p, y, N);
  }

  /** What {@code bceForward} was: {@code Math.log} and {@code Math.log1p} (a native call) a float. */
  @Benchmark
  public float bceMathLog() {
    double sum = 0;
    for (int i = 0; i < N; i++) {
      float logP = Math.max((float) Math.log(p[i]), -100f);
      float log1mP = Math.max((float) Math.log1p(-p[i]), -100f);
      sum += (y[i] - 1f) * log1mP - y[i] * logP;
    }
    return (float) (sum / N);
  }
}
