package chainrule.examples.lab09;

import chainrule.Data;
import chainrule.TorchGenerator;
import chainrule.examples.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code mnist-backprop}: the lecture's hand-written MNIST back-propagation, deeplearningzerotoall/PyTorch
 * {@code CNN/lab-10-X1-mnist_back_prop.ipynb} at commit 59e34fa55bdbdc36f660f06c7730d58a55a9598c (branch CNN-2;
 * master later renamed it {@code lab-08_4_mnist_back_prop}, same computation): a 784-30-10 sigmoid network
 * whose chain rule is written out by hand ({@link HandWrittenMnistBackprop}). PyTorch reference:
 * {@code reference/lab09/mnist_backprop.py}.
 *
 * <p>Faithful to the notebook: {@code torch.manual_seed(777)} (no {@code random} here); w1, b1, w2, b2 drawn by
 * {@code normal_} in that order (N(0, 1); the {@code torch.Tensor(...)} they start as draws nothing);
 * {@code DataLoader(batch_size=10, shuffle=True, drop_last=True)} in PyTorch's order, each pass over it taking
 * its two draws when it starts; learning rate 0.5; sums for the weight updates, means for the bias updates;
 * {@code while not i == 10000: for X, Y in data_loader:} runs 6000 steps of one pass and 4000 of a second; every
 * 1000 steps it prints how many of the FIRST 1000 test images, in RAW 0–255 pixels, it classifies right (a
 * count, not a fraction). The notebook prints nothing else.
 *
 * <p>Unavoidable deviations: Fashion-MNIST instead of MNIST; the notebook's parameter updates build an autograd
 * graph that is never used (the reference script checked that dropping it changes no bit); torch's float
 * {@code exp} is Sleef's (within 1 ulp of the {@code Math.exp} used here).
 *
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-backprop
 * [--data DIR] [--steps N]} ({@code --steps} default 10000, the notebook's).
 */
public final class MnistBackpropProgram {
  public static final long SEED = 777;
  public static final int BATCH = 10;
  public static final float LEARNING_RATE = 0.5f;
  public static final int STEPS = 10_000;
  /** Test images the notebook counts on. */
  public static final int TEST_ROWS = 1000;

  /** The most steps a run takes: it keeps every step's loss (80 MB at most). */
  static final int MAX_STEPS = 10_000_000;

  private MnistBackpropProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse("mnist-backprop", args, List.of("--data", "--steps"), "--data DIR, --steps N");
    int steps = options.positive("--steps", STEPS, MAX_STEPS);
    train(MnistFiles.read(options.path("--data", MnistFiles.DEFAULT_DIR)), steps, out);
  }

  /** The notebook's loop; returns {@code ½·Σ diff²} of every step, before its update. */
  public static double[] train(MnistFiles files, int steps, PrintStream out) {
    TorchGenerator generator = new TorchGenerator(SEED);
    HandWrittenMnistBackprop net = new HandWrittenMnistBackprop(generator, BATCH);
    Loader loader = new Loader(files.train(), generator, BATCH);
    float[] testX = Arrays.copyOf(files.testRaw(), TEST_ROWS * MnistFiles.PIXELS); // raw 0-255 pixels
    int[] testY = Arrays.copyOf(files.testLabels(), TEST_ROWS);
    double[] losses = new double[steps];
    for (int i = 1; i <= steps; i++) {
      loader.next();
      losses[i - 1] = net.step(loader.x, loader.labels, LEARNING_RATE);
      if (i % 1000 == 0) {
        out.println(net.correct(testX, testY, TEST_ROWS));
      }
    }
    return losses;
  }

  /**
   * {@code for X, Y in DataLoader(data, batch, shuffle=True, drop_last=True)}, pass after pass: each pass
   * takes one int64 from the generator (the iterator's base seed) and one more that seeds the sampler's
   * {@code randperm}.
   */
  static final class Loader {
    final float[] x;
    final int[] labels;
    private final Data data;
    private final TorchGenerator generator;
    private final TorchGenerator sampler = new TorchGenerator(0);
    private final int[] order;
    private final int batch;
    private int position;

    Loader(Data data, TorchGenerator generator, int batch) {
      this.data = data;
      this.generator = generator;
      this.batch = batch;
      this.order = new int[data.rows()];
      this.x = new float[batch * data.inputs()];
      this.labels = new int[batch];
      this.position = data.rows(); // the first next() starts a pass
    }

    void next() {
      if (position + batch > data.rows()) { // drop_last: a new pass once no full batch is left
        generator.randomInt64(); // _BaseDataLoaderIter's base seed
        sampler.reseed(generator.randomInt64()); // RandomSampler's generator
        sampler.randperm(order, data.rows());
        position = 0;
      }
      data.gather(order, position, batch, x, labels);
      position += batch;
    }
  }
}
