package chainrule.examples;

import java.io.PrintStream;

/**
 * Lecture "Multi Layer Perceptron", lab-08_3 ({@code xor-nn-wide-deep}): the {@code 2-10-10-10-1} network
 * with a Sigmoid after every Linear, BCE, SGD(lr=1), 10001 steps. The loss sits near ln 2 for ~4000
 * steps, then falls. The network is {@link XorWideDeep}.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar xor-nn-wide-deep}. Expected (the lecture's notebook):
 * <pre>
 * 0 0.6948983669281006
 * ...
 * 4000 0.6929103136062622
 * ...
 * 10000 0.0001565046259202063
 *
 * Hypothesis:  [[1.1175716e-04]
 *  [9.9982870e-01]
 *  [9.9984217e-01]
 *  [1.8539414e-04]]
 * Correct:  [[0.]
 *  [1.]
 *  [1.]
 *  [0.]]
 * Accuracy:  1.0
 * </pre>
 */
final class XorWideDeepProgram {
  private XorWideDeepProgram() {}

  static void run(String[] args, PrintStream out) {
    Options.none("xor-nn-wide-deep", args);
    Lecture.run(XorWideDeepNet.create(Lecture.SEED), out);
  }
}
