package chainrule.examples.lab09;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code mnist-nn-xavier}: the lecture's next chapter, lab-09_3 "MNIST and NN with Xavier initialization", deeplearningzerotoall/PyTorch
 * {@code lab-09_3_mnist_nn_xavier.ipynb} at commit 4a819e55a49a408efd9eaa9512783de8d503447f (master), on a network generated from {@link MnistNnXavier} and trained
 * by the generated {@code fit}. PyTorch reference: {@code reference/lab09/mnist_nn_xavier.py}.
 *
 * <p>Faithful to the notebook: {@code random.seed(777)}, {@code torch.manual_seed(777)}; the three Linear layers drawing
 * their defaults, then {@code xavier_uniform_} on each weight; Adam(lr=0.001); 15 epochs of batches of 100,
 * shuffled, last partial batch dropped; {@code avg_cost} in float32; the printed lines.
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
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-nn-xavier [--epochs N]
 * [--data DIR] [--threads N]}. PyTorch 1.13 printed, on Fashion-MNIST ({@code mnist-nn-xavier.out} in the test resources):
 * <pre>
 * Epoch: 0001 cost = 0.489161134
 * Epoch: 0002 cost = 0.356094062
 * ...
 * Epoch: 0015 cost = 0.181836158
 * Learning finished
 * Accuracy: 0.8748999834060669
 * Label:  8
 * Prediction:  8
 * </pre>
 */
public final class MnistNnXavierProgram {
  /** The notebook's seeds and settings. */
  public static final Notebook NOTEBOOK = Notebook.LAB_09;

  private MnistNnXavierProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    NOTEBOOK.main("mnist-nn-xavier", MnistNnXavierNet::create, args, out);
  }
}
