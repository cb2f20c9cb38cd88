package chainrule.examples;

import java.io.PrintStream;

/**
 * Lecture "Multi Layer Perceptron", lab-08_1 ({@code xor}): a single perceptron
 * {@code Sequential(Linear(2, 1), Sigmoid())} trained on XOR with BCE and SGD(lr=1) for 10001 steps. It
 * fails, as the slide shows: XOR is not linearly separable, so the loss stalls at ln 2.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar xor}. Expected (PyTorch 1.13 prints the same):
 * <pre>
 * 0 0.7273974418640137
 * ...
 * 10000 0.6931471824645996
 *
 * Hypothesis:  [[0.5]
 *  [0.5]
 *  [0.5]
 *  [0.5]]
 * Correct:  [[0.]
 *  [0.]
 *  [0.]
 *  [0.]]
 * Accuracy:  0.5
 * </pre>
 */
final class XorProgram {
  private XorProgram() {}

  static void run(String[] args, PrintStream out) {
    Options.none("xor", args);
    Lecture.run(XorPerceptronNet.create(Lecture.SEED), out);
  }
}
