package chainrule.examples.lab09;

import chainrule.Adam;
import chainrule.Classifier;
import chainrule.Fit;
import chainrule.Listener;
import chainrule.Status;
import chainrule.examples.Options;
import chainrule.examples.PythonFormat;
import chainrule.internal.Kernels;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The loop that lab-09_1 … lab-09_5 share, run on a generated network: Adam, {@code DataLoader(batch_size,
 * shuffle=True, drop_last=True)}, {@code avg_cost += cost / total_batch} printed each epoch, then the test on the
 * raw pixels and one sample picked by Python's {@code random}:
 *
 * <pre>
 * Epoch: 0001 cost = 0.489161134
 * ...
 * Learning finished
 * Accuracy: 0.8748999834060669
 * Label:  8
 * Prediction:  8
 * </pre>
 *
 * @param randomSeed the notebook's {@code random.seed}, which picks the final sample
 * @param torchSeed its {@code torch.manual_seed}, the network's {@code create} seed
 * @param learningRate Adam's
 * @param epochs the notebook's {@code training_epochs}
 * @param batchSize its {@code batch_size}
 */
public record Notebook(long randomSeed, long torchSeed, float learningRate, int epochs, int batchSize) {
  /** lab-09_1, 09_3, 09_4, 09_5: {@code random.seed(777)}, {@code torch.manual_seed(777)}, Adam(0.001), 15 × 100. */
  public static final Notebook LAB_09 = new Notebook(777, 777, 0.001f, 15, 100);

  /**
   * What one run printed and the losses behind it.
   *
   * @param firstEpochSteps the loss of every step of epoch 1 that ran, before its update
   * @param epochCosts each finished epoch's {@code avg_cost}
   * @param accuracy as printed, or NaN when training was cut short
   * @param sample the test row {@code random.randint} picked, or -1
   */
  public record Result(float[] firstEpochSteps, float[] epochCosts, float accuracy, int sample, int label,
      int prediction) {}

  /**
   * A program's command line: {@code --data DIR} (default {@code data/fashion-mnist}), {@code --epochs N} (default
   * the notebook's), {@code --threads N} (default 1; the results are bit-identical whatever the count). Creates
   * the network with {@code create.apply(torchSeed)} and runs the notebook.
   */
  public Result main(String program, LongFunction<Classifier> create, String[] args, PrintStream out)
      throws IOException {
    Options options = Options.parse(program, args, List.of("--data", "--epochs", "--threads"),
        "--data DIR, --epochs N, --threads N");
    int epochs = options.positive("--epochs", this.epochs, MnistFiles.MAX_EPOCHS);
    int threads = options.positive("--threads", 1);
    MnistFiles files = MnistFiles.read(options.path("--data", MnistFiles.DEFAULT_DIR));
    Classifier net = create.apply(torchSeed).threads(threads);
    return run(net, files, epochs, 0, out);
  }

  /**
   * Trains {@code net} (just created with {@link #torchSeed}) for {@code epochs} epochs on {@code files.train()},
   * printing as the notebook does, then tests it. {@code maxSteps > 0} stops after that many steps and skips the
   * test (for tests comparing the first steps with PyTorch's).
   */
  public Result run(Classifier net, MnistFiles files, int epochs, int maxSteps, PrintStream out) {
    int totalBatch = files.train().rows() / batchSize; // len(data_loader) with drop_last
    float[] steps = new float[totalBatch];
    float[] costs = new float[epochs];
    int[] done = new int[2]; // steps of epoch 1, epochs
    Listener notebookPrint = new Listener() {
      float avgCost; // avg_cost, a float32 tensor in the notebook

      @Override
      public void batchEnd(Status status) {
        float cost = status.batchLoss();
        avgCost += cost / totalBatch; // float32 division, then float32 sum, as the tensors do
        if (status.epoch() == 1) {
          steps[done[0]++] = cost;
        }
        if (maxSteps > 0 && status.steps() >= maxSteps) {
          status.stop();
        }
      }

      @Override
      public void epochEnd(Status status) {
        if (status.batch() < totalBatch) {
          return; // cut short by maxSteps: no epoch line
        }
        costs[done[1]++] = avgCost;
        out.println("Epoch: " + String.format("%04d", status.epoch()) + " cost = " + PythonFormat.fixed(avgCost, 9));
        avgCost = 0;
      }
    };
    net.fit(files.train(), Fit.epochs(epochs).batchSize(batchSize).shuffle(true).dropLast(true)
        .optimizer(new Adam(learningRate)).silent().listener(notebookPrint));
    float[] firstEpoch = Arrays.copyOf(steps, done[0]);
    float[] epochCosts = Arrays.copyOf(costs, done[1]);
    if (done[1] < epochs) {
      out.println("Stopped after " + maxSteps + " steps");
      return new Result(firstEpoch, epochCosts, Float.NaN, -1, -1, -1);
    }
    out.println("Learning finished");

    // Test on the raw 0-255 pixels, as the notebooks do (test_data.view(-1, 28 * 28).float(), no / 255)
    int rows = files.testRows();
    int[] predicted = argmax(net.forward(files.testRaw(), rows), rows);
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      correct += predicted[r] == files.testLabels()[r] ? 1 : 0;
    }
    float accuracy = (float) correct / rows; // correct_prediction.float().mean(): sum / N in float32
    out.println("Accuracy: " + PythonFormat.repr(accuracy));

    int r = new PythonRandom(randomSeed).randint(0, rows - 1);
    float[] single = Arrays.copyOfRange(files.testRaw(), r * MnistFiles.PIXELS, (r + 1) * MnistFiles.PIXELS);
    int label = files.testLabels()[r];
    int prediction = argmax(net.forward(single, 1), 1)[0];
    out.println("Label:  " + label);
    out.println("Prediction:  " + prediction);
    return new Result(firstEpoch, epochCosts, accuracy, r, label, prediction);
  }

  /** {@code torch.argmax(logits, 1)}: the first largest of each row's classes (or its first NaN). */
  static int[] argmax(float[] logits, int rows) {
    int[] best = new int[rows];
    Kernels.argmax(best, logits, rows, logits.length / rows);
    return best;
  }
}
