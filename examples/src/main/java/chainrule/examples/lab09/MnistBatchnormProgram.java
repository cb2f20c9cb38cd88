package chainrule.examples.lab09;

import chainrule.Adam;
import chainrule.Data;
import chainrule.Evaluation;
import chainrule.TorchGenerator;
import chainrule.examples.Options;
import chainrule.examples.PythonFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code mnist-batchnorm}: the lecture's next chapter, lab-09_6 "MNIST and batch normalization",
 * deeplearningzerotoall/PyTorch {@code lab-09_6_mnist_batchnorm.ipynb} at commit
 * 4a819e55a49a408efd9eaa9512783de8d503447f (master: Linear → BatchNorm → ReLU; the first versions ordered
 * Linear → ReLU → BatchNorm), on networks generated from {@link MnistBatchnorm} ({@code bn_model}) and
 * {@link MnistNoBatchnorm} ({@code nn_model}). PyTorch reference: {@code reference/lab09/mnist_batchnorm.py}.
 *
 * <p>Faithful to the notebook: {@code torch.manual_seed(1)} (no Python random in this one); the draws of the one
 * global generator in program order: {@code bn_model}'s three Linear (weight, then bias; {@code BatchNorm1d} draws
 * nothing), then {@code nn_model}'s three, then per epoch two for the shuffled training pass, two for the
 * evaluation pass over the training loader (reshuffled) and one for the test loader ({@code shuffle=False} still
 * draws its base seed); each model its own Adam(lr=0.01); 10 epochs of batches of 32, shuffled, last partial
 * batch dropped (60 000 / 32 leaves none); per batch {@code bn_model}'s step then {@code nn_model}'s on the same
 * X, Y; {@code bn_model.train()} for the steps (batch statistics, running statistics moved) and
 * {@code bn_model.eval()} for the evaluation passes (running statistics); after each epoch the mean loss and
 * mean accuracy over the batches of the training data and of {@code test_loader}, summed as float32 tensors
 * and divided by the batch counts; the printed lines, blank line included.
 *
 * <p>Quirks kept: the "TRAIN" line measures the training data in a second, reshuffled pass after the epoch, in
 * evaluation mode (not the losses of the steps); the test loader drops its last partial batch, so the "VALID"
 * means are over 312 batches and the last 16 test images are never seen. Unlike labs 1–5 the test images go
 * through {@code ToTensor()} ({@code pixel / 255}).
 *
 * <p>Not through the generated {@code fit}: {@code fit} trains one network on the generator that created it,
 * while this notebook steps two networks on each batch of one loader and draws its shuffles, and the
 * evaluation passes' seeds, from one generator shared by both. The loop below is the notebook's, written with
 * {@code trainStep}, {@code evaluate} and a {@link TorchGenerator} standing for torch's global generator; the
 * loader's draws are the ones {@code fit} makes ({@code reference/README.md}).
 *
 * <p>Unavoidable deviations: Fashion-MNIST instead of MNIST (MNIST cannot be downloaded here; same IDX format
 * and sizes; {@code --data DIR} runs it on MNIST), read by {@link MnistFiles} instead of torchvision; the CPU
 * only; the plotting cells are left out; chainrule's matrix products sum in another order than torch's BLAS,
 * so the numbers agree with PyTorch's within a rounding spread that training amplifies (measured in
 * {@code MnistBatchnormTest}, stated in the README's "The lecture's next chapter").
 *
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-batchnorm
 * [--epochs N] [--data DIR] [--threads N]}. It prints, per epoch:
 * <pre>
 * [Epoch 1-TRAIN] Batchnorm Loss(Acc): bn_loss:0.xxxxx(bn_acc:0.xx) vs No Batchnorm Loss(Acc): nn_loss:0.xxxxx(nn_acc:0.xx)
 * [Epoch 1-VALID] Batchnorm Loss(Acc): bn_loss:0.xxxxx(bn_acc:0.xx) vs No Batchnorm Loss(Acc): nn_loss:0.xxxxx(nn_acc:0.xx)
 *
 * ...
 * Learning finished
 * </pre>
 * (PyTorch 1.13's lines on Fashion-MNIST: {@code mnist-batchnorm.out} in the test resources.)
 */
public final class MnistBatchnormProgram {
  /** {@code torch.manual_seed(1)}. */
  public static final long SEED = 1;
  /** Each model's Adam. */
  public static final float LEARNING_RATE = 0.01f;
  public static final int EPOCHS = 10;
  public static final int BATCH_SIZE = 32;

  private MnistBatchnormProgram() {}

  /** The two models as the notebook builds them, and torch's global generator after their initialisation. */
  public record Models(MnistBatchnormNet bn, MnistNoBatchnormNet nn, TorchGenerator global) {
    /**
     * {@code torch.manual_seed(1)}, then {@code bn_model}'s layers, then {@code nn_model}'s, all from one
     * generator: {@code bn} is {@code create(1)}; {@code nn}'s parameters are drawn after {@code bn}'s.
     */
    public static Models create() {
      MnistBatchnormNet bn = MnistBatchnormNet.create(SEED);
      TorchGenerator global = new TorchGenerator(SEED);
      // bn_model's linear1, linear2, linear3 again, to bring the global generator to where nn_model starts
      float[] replay = new float[784 * 32 + 32 + 32 * 32 + 32 + 32 * 10 + 10];
      int[] widths = {784, 32, 32, 10};
      initLinears(global, replay, widths);
      float[] bnParams = bn.parameters();
      // bn's flat order: linear1.weight, linear1.bias, bn1.weight, bn1.bias, linear2 …, bn2 …, linear3 …
      int[][] linears = {{0, 0, 784 * 32 + 32}, {784 * 32 + 32, 784 * 32 + 32 + 64, 32 * 32 + 32},
          {784 * 32 + 32 + 32 * 32 + 32, 784 * 32 + 32 + 64 + 32 * 32 + 32 + 64, 32 * 10 + 10}};
      for (int[] l : linears) {
        if (!Arrays.equals(replay, l[0], l[0] + l[2], bnParams, l[1], l[1] + l[2])) {
          throw new IllegalStateException("replaying bn_model's Linear draws must give MnistBatchnormNet.create("
              + SEED + ")'s parameters, differed at replay offset " + l[0]);
        }
      }
      MnistNoBatchnormNet nn = MnistNoBatchnormNet.create(SEED);
      float[] nnParams = new float[nn.parameterCount()];
      initLinears(global, nnParams, widths);
      nn.setParameters(nnParams);
      return new Models(bn, nn, global);
    }

    /** {@code nn.Linear(widths[i], widths[i + 1])} for each i, weight then bias, one after the other. */
    private static void initLinears(TorchGenerator generator, float[] dst, int[] widths) {
      int offset = 0;
      for (int i = 0; i + 1 < widths.length; i++) {
        generator.initLinear(dst, offset, widths[i], widths[i + 1]);
        offset += widths[i] * widths[i + 1] + widths[i + 1];
      }
    }

    public Models threads(int threads) {
      bn.threads(threads);
      nn.threads(threads);
      return this;
    }
  }

  /** One evaluation pass's means, as the notebook prints them. */
  public record Means(float bnLoss, float bnAcc, float nnLoss, float nnAcc) {}

  /**
   * What one run computed.
   *
   * @param bnSteps {@code bn_model}'s loss at every step of epoch 1 that ran, before its update
   * @param nnSteps the same for {@code nn_model}
   * @param firstBatchLabels per epoch begun, the labels of the training pass's first batch (the shuffle's
   *     fingerprint)
   * @param evalBatchLabels per finished epoch, the labels of the evaluation pass's first batch
   * @param train per finished epoch, the means over the training data ("TRAIN")
   * @param valid per finished epoch, the means over {@code test_loader} ("VALID")
   */
  public record Result(float[] bnSteps, float[] nnSteps, int[][] firstBatchLabels, int[][] evalBatchLabels,
      Means[] train, Means[] valid) {}

  public static void run(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse("mnist-batchnorm", args, List.of("--data", "--epochs", "--threads"),
        "--data DIR, --epochs N, --threads N");
    int epochs = options.positive("--epochs", EPOCHS, MnistFiles.MAX_EPOCHS);
    int threads = options.positive("--threads", 1);
    MnistFiles files = MnistFiles.read(options.path("--data", MnistFiles.DEFAULT_DIR));
    run(Models.create().threads(threads), files, epochs, 0, out);
  }

  /**
   * Runs the notebook's training cell on {@code models} (just made by {@link Models#create}) for {@code epochs}
   * epochs. {@code maxSteps > 0} stops after that many steps of epoch 1, before any evaluation (for tests
   * comparing the first steps with PyTorch's).
   */
  public static Result run(Models models, MnistFiles files, int epochs, int maxSteps, PrintStream out) {
    Data train = files.train();
    Data test = Data.labels(files.testScaled(), files.testLabels(), files.testRows());
    int trainBatches = train.rows() / BATCH_SIZE; // len(train_loader) with drop_last
    int testBatches = test.rows() / BATCH_SIZE;   // len(test_loader) with drop_last: 312, 16 images left out
    Adam bnOptimizer = new Adam(LEARNING_RATE);
    Adam nnOptimizer = new Adam(LEARNING_RATE);
    float[] x = new float[BATCH_SIZE * MnistFiles.PIXELS];
    int[] y = new int[BATCH_SIZE];
    int[] order = new int[train.rows()];
    TorchGenerator sampler = new TorchGenerator(0);
    float[] bnSteps = new float[trainBatches];
    float[] nnSteps = new float[trainBatches];
    int[][] firstLabels = new int[epochs][];
    int[][] evalLabels = new int[epochs][];
    Means[] trainMeans = new Means[epochs];
    Means[] validMeans = new Means[epochs];
    int steps = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      // bn_model.train(); for X, Y in train_loader: trainStep runs bn_model in training mode
      shuffle(models.global(), sampler, order, train.rows());
      firstLabels[epoch] = firstBatchLabels(train, order);
      for (int batch = 0; batch < trainBatches; batch++) {
        train.gather(order, batch * BATCH_SIZE, BATCH_SIZE, x, y);
        float bnLoss = models.bn().trainStep(x, y, BATCH_SIZE, bnOptimizer);
        float nnLoss = models.nn().trainStep(x, y, BATCH_SIZE, nnOptimizer);
        if (epoch == 0) {
          bnSteps[batch] = bnLoss;
          nnSteps[batch] = nnLoss;
        }
        if (maxSteps > 0 && ++steps >= maxSteps) {
          out.println("Stopped after " + maxSteps + " steps");
          return new Result(Arrays.copyOf(bnSteps, steps), Arrays.copyOf(nnSteps, steps),
              new int[][] {firstLabels[0]}, new int[0][], new Means[0], new Means[0]);
        }
      }
      // with torch.no_grad(): bn_model.eval(); forward and evaluate use the running statistics
      shuffle(models.global(), sampler, order, train.rows()); // the train loader again: reshuffled
      evalLabels[epoch] = firstBatchLabels(train, order);
      trainMeans[epoch] = means(models, train, order, trainBatches, x, y);
      out.println(line(epoch + 1, "TRAIN", trainMeans[epoch]));
      models.global().randomInt64(); // test_loader's base seed: drawn even with shuffle=False
      validMeans[epoch] = means(models, test, null, testBatches, x, y);
      out.println(line(epoch + 1, "VALID", validMeans[epoch]));
      out.println();
    }
    out.println("Learning finished");
    return new Result(bnSteps, nnSteps, firstLabels, evalLabels, trainMeans, validMeans);
  }

  /**
   * A {@code DataLoader(shuffle=True)} starting an epoch: the iterator's base seed, then a seed for a fresh
   * generator on which {@code randperm(rows)} gives the order of the rows.
   */
  private static void shuffle(TorchGenerator global, TorchGenerator sampler, int[] order, int rows) {
    global.randomInt64(); // _BaseDataLoaderIter's base seed
    sampler.reseed(global.randomInt64()); // RandomSampler: torch.Generator().manual_seed(drawn int64)
    sampler.randperm(order, rows);
  }

  private static int[] firstBatchLabels(Data data, int[] order) {
    int[] labels = new int[BATCH_SIZE];
    for (int r = 0; r < BATCH_SIZE; r++) {
      labels[r] = data.label(order[r]);
    }
    return labels;
  }

  /**
   * One evaluation pass of both models over {@code batches} batches of {@code data} in {@code order} (null: in
   * file order): {@code loss += criterion(prediction, Y)} and {@code acc += (argmax == Y).float().mean()} as
   * float32 sums from 0, then each divided by the batch count in float32.
   */
  private static Means means(Models models, Data data, int[] order, int batches, float[] x, int[] y) {
    float bnLoss = 0;
    float bnAcc = 0;
    float nnLoss = 0;
    float nnAcc = 0;
    for (int batch = 0; batch < batches; batch++) {
      data.gather(order, batch * BATCH_SIZE, BATCH_SIZE, x, y);
      Data xy = Data.labels(x, y, BATCH_SIZE);
      Evaluation bn = models.bn().evaluate(xy);
      Evaluation nn = models.nn().evaluate(xy);
      bnLoss += bn.loss();
      bnAcc += bn.accuracy();
      nnLoss += nn.loss();
      nnAcc += nn.accuracy();
    }
    return new Means(bnLoss / batches, bnAcc / batches, nnLoss / batches, nnAcc / batches);
  }

  /** The notebook's {@code '[Epoch %d-TRAIN] Batchnorm Loss(Acc): bn_loss:%.5f(bn_acc:%.2f) vs …' % (…)}. */
  static String line(int epoch, String pass, Means m) {
    return "[Epoch " + epoch + "-" + pass + "] Batchnorm Loss(Acc): bn_loss:" + PythonFormat.fixed(m.bnLoss(), 5) + "(bn_acc:"
        + PythonFormat.fixed(m.bnAcc(), 2) + ") vs No Batchnorm Loss(Acc): nn_loss:" + PythonFormat.fixed(m.nnLoss(), 5) + "(nn_acc:"
        + PythonFormat.fixed(m.nnAcc(), 2) + ")";
  }
}
