package chainrule.examples.lab09;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code mnist-softmax}: the lecture's next chapter, lab-09_1 "MNIST and softmax", deeplearningzerotoall/PyTorch
 * {@code lab-09_1_mnist_softmax.ipynb} at commit 4a819e55a49a408efd9eaa9512783de8d503447f (master), on a network generated from {@link MnistSoftmax} and trained
 * by the generated {@code fit}. PyTorch reference: {@code reference/lab09/mnist_softmax.py}.
 *
 * <p>Faithful to the notebook: {@code random.seed(777)}, {@code torch.manual_seed(777)}; {@code Linear(784, 10)} drawing its
 * default initialisation, then {@code normal_} on its weight ({@code Init.NORMAL}, bit for bit); Adam(lr=0.001);
 * 15 epochs of {@code DataLoader(batch_size=100, shuffle=True, drop_last=True)} in PyTorch's order (the
 * generated {@code fit}); {@code avg_cost += cost / total_batch} in float32; the printed lines.
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
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-softmax [--epochs N]
 * [--data DIR] [--threads N]}. PyTorch 1.13 printed, on Fashion-MNIST ({@code mnist-softmax.out} in the test resources):
 * <pre>
 * Epoch: 0001 cost = 5.169694424
 * Epoch: 0002 cost = 1.729887962
 * ...
 * Epoch: 0015 cost = 0.667746067
 * Learning finished
 * Accuracy: 0.7687000036239624
 * Label:  8
 * Prediction:  8
 * </pre>
 */
public final class MnistSoftmaxProgram {
  /** The notebook's seeds and settings. */
  public static final Notebook NOTEBOOK = Notebook.LAB_09;

  private MnistSoftmaxProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    NOTEBOOK.main("mnist-softmax", MnistSoftmaxNet::create, args, out);
  }
}
