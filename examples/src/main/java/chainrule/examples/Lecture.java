package chainrule.examples;

import chainrule.Sgd;
import chainrule.Trainable;
import java.io.PrintStream;

/**
 * What the lecture's XOR programs share: the data, the seed, the training loop and the output format,
 * so that a run can be laid beside the slide line for line.
 */
final class Lecture {
  private Lecture() {}

  /** {@code X = [[0, 0], [0, 1], [1, 0], [1, 1]]}, row-major. */
  static final float[] X = {0, 0, 0, 1, 1, 0, 1, 1};
  /** {@code Y = [[0], [1], [1], [0]]}. */
  static final float[] Y = {0, 1, 1, 0};
  static final int ROWS = 4;
  /** {@code torch.manual_seed(777)}. */
  static final long SEED = 777;
  /** {@code for step in range(10001)}. */
  static final int STEPS = 10_001;
  /** {@code optim.SGD(model.parameters(), lr=1)}. */
  static final float LEARNING_RATE = 1f;

  /** The lecture's loop: one full-batch step at a time, {@code print(step, cost.item())} every 100 steps. */
  static void train(Trainable net, PrintStream out) {
    Sgd sgd = new Sgd(LEARNING_RATE);
    for (int step = 0; step < STEPS; step++) {
      float cost = net.trainStep(X, Y, ROWS, sgd);
      if (step % 100 == 0) {
        out.println(step + " " + PythonFormat.repr(cost));
      }
    }
  }

  /** The lecture's closing block: hypothesis, predictions ({@code hypothesis > 0.5}) and accuracy. */
  static void report(float[] hypothesis, PrintStream out) {
    float[] predicted = new float[hypothesis.length];
    int correct = 0;
    for (int i = 0; i < hypothesis.length; i++) {
      predicted[i] = hypothesis[i] > 0.5f ? 1f : 0f;
      correct += predicted[i] == Y[i] ? 1 : 0;
    }
    float accuracy = (float) correct / hypothesis.length;
    out.println();
    out.println("Hypothesis:  " + PythonFormat.column(hypothesis) + " ");
    out.println("Correct:  " + PythonFormat.column(predicted) + " ");
    out.println("Accuracy:  " + PythonFormat.repr(accuracy));
  }

  /** Trains {@code net} like the lecture and prints its report. */
  static void run(Trainable net, PrintStream out) {
    train(net, out);
    report(net.forward(X, ROWS), out);
  }
}
