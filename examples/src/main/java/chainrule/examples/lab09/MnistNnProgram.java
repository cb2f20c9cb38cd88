package chainrule.examples.lab09;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code mnist-nn}: the lecture's next chapter, lab-09_2 "MNIST and NN", deeplearningzerotoall/PyTorch
 * {@code lab-09_2_mnist_nn.ipynb} at commit 4a819e55a49a408efd9eaa9512783de8d503447f (master), on a network generated from {@link MnistNn} and trained
 * by the generated {@code fit}. PyTorch reference: {@code reference/lab09/mnist_nn.py}.
 *
 * <p>Faithful to the notebook: {@code random.seed(111)} (this notebook's, not 777) and {@code torch.manual_seed(777)}; the
 * three Linear layers drawing their defaults in order, then {@code normal_} on each weight (N(0, 1): hence first
 * costs in the hundreds); Adam(lr=0.001); 15 epochs of batches of 100, shuffled, last partial batch dropped;
 * {@code avg_cost} in float32; the printed lines.
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
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-nn [--epochs N]
 * [--data DIR] [--threads N]}. PyTorch 1.13 printed, on Fashion-MNIST ({@code mnist-nn.out} in the test resources):
 * <pre>
 * Epoch: 0001 cost = 155.286285400
 * Epoch: 0002 cost = 56.502258301
 * ...
 * Epoch: 0015 cost = 5.979999065
 * Learning finished
 * Accuracy: 0.8170999884605408
 * Label:  0
 * Prediction:  6
 * </pre>
 */
public final class MnistNnProgram {
  /** The notebook's seeds and settings. */
  public static final Notebook NOTEBOOK = new Notebook(111, 777, 0.001f, 15, 100);

  private MnistNnProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    NOTEBOOK.main("mnist-nn", MnistNnNet::create, args, out);
  }
}
