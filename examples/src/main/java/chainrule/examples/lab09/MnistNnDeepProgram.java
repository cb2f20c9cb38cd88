package chainrule.examples.lab09;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code mnist-nn-deep}: the lecture's next chapter, lab-09_4 "MNIST and deep NN", deeplearningzerotoall/PyTorch
 * {@code lab-09_4_mnist_nn_deep.ipynb} at commit 6e9f1d1b06f41ba1fad4ef9b09bb6b73e3197388 (unmerged pull request #35), on a network generated from {@link MnistNnDeep} and trained
 * by the generated {@code fit}. PyTorch reference: {@code reference/lab09/mnist_nn_deep.py}.
 *
 * <p>Faithful to the notebook: {@code random.seed(777)}, {@code torch.manual_seed(777)}; five Linear layers
 * (784-512-512-512-512-10) drawing their defaults, then {@code xavier_uniform_} on each weight; Adam(lr=0.001);
 * 15 epochs of batches of 100, shuffled, last partial batch dropped; {@code avg_cost} in float32; the printed
 * lines.
 *
 * <p>Which version: master (f578af9987e947dd168b91b4dc5e4f442050bbd4) builds the five layers but its
 * {@code Sequential} holds only {@code linear1, relu, linear2, relu, linear3}, a net with 512 logits of which
 * the labels use ten; pull request #35 puts all five in, the deep network the lab describes, and that is the one
 * here (the reference script runs both: {@code --notebook master}).
 *
 * <p>Quirk kept: the network trains on {@code pixel / 255} but the notebook tests it on the raw 0–255 pixels
 * ({@code test_data.view(-1, 28 * 28).float()}), so the printed accuracy is for raw pixels. The final sample is
 * {@code random.randint(0, 9999)}, reproduced by {@link PythonRandom}.
 *
 * <p>Unavoidable deviations: Fashion-MNIST instead of MNIST (MNIST cannot be downloaded here; same IDX format
 * and sizes; {@code --data DIR} runs it on MNIST), read by {@link MnistFiles} instead of torchvision; the CPU
 * only; chainrule's matrix products sum in another order than torch's BLAS, so losses agree with PyTorch's
 * within a rounding spread that training amplifies (measured in {@code Lab09ProgramsTest}, stated in the
 * README's "The lecture's next chapter").
 *
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-nn-deep [--epochs N]
 * [--data DIR] [--threads N]}. PyTorch 1.13 printed, on Fashion-MNIST ({@code mnist-nn-deep.out} in the test resources):
 * <pre>
 * Epoch: 0001 cost = 0.484879255
 * Epoch: 0002 cost = 0.366692901
 * ...
 * Epoch: 0015 cost = 0.186382949
 * Learning finished
 * Accuracy: 0.8792999982833862
 * Label:  8
 * Prediction:  8
 * </pre>
 */
public final class MnistNnDeepProgram {
  /** The notebook's seeds and settings. */
  public static final Notebook NOTEBOOK = Notebook.LAB_09;

  private MnistNnDeepProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    NOTEBOOK.main("mnist-nn-deep", MnistNnDeepNet::create, args, out);
  }
}
