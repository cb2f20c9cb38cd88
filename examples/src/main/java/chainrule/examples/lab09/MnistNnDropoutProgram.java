package chainrule.examples.lab09;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code mnist-nn-dropout}: the lecture's next chapter, lab-09_5 "MNIST and NN with dropout", deeplearningzerotoall/PyTorch
 * {@code lab-09_5_mnist_nn_dropout.ipynb} at commit 4a819e55a49a408efd9eaa9512783de8d503447f (master), on a network generated from {@link MnistNnDropout} and trained
 * by the generated {@code fit}. PyTorch reference: {@code reference/lab09/mnist_nn_dropout.py}.
 *
 * <p>Faithful to the notebook: {@code random.seed(777)}, {@code torch.manual_seed(777)}; five Linear layers drawing their
 * defaults, then {@code xavier_uniform_} on each weight; {@code Dropout(p=0.3)} after each hidden ReLU (master's
 * {@code drop_prob = 0.3}; the first versions' {@code p = 1 - 0.7} is 0.30000000000000004), its masks drawn from
 * the network's generator as torch's {@code bernoulli_} draws them, four per step in forward order, after the
 * loader's two draws per epoch; {@code model.train()} while training, {@code model.eval()} for the test
 * ({@code forward} is the evaluation pass); Adam(lr=0.001); 15 epochs of batches of 100, shuffled, last partial
 * batch dropped; {@code avg_cost} in float32; the printed lines.
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
 * <p>Run from the repository root: {@code java -jar examples/target/chainrule-examples.jar mnist-nn-dropout [--epochs N]
 * [--data DIR] [--threads N]}. PyTorch 1.13 printed, on Fashion-MNIST ({@code mnist-nn-dropout.out} in the test resources):
 * <pre>
 * (see reference/lab09/mnist-nn-dropout.out)
 * </pre>
 */
public final class MnistNnDropoutProgram {
  /** The notebook's seeds and settings. */
  public static final Notebook NOTEBOOK = Notebook.LAB_09;

  private MnistNnDropoutProgram() {}

  public static void run(String[] args, PrintStream out) throws IOException {
    NOTEBOOK.main("mnist-nn-dropout", MnistNnDropoutNet::create, args, out);
  }
}
