package chainrule.examples;

import java.io.PrintStream;

/**
 * Lecture "Multi Layer Perceptron", lab-08_2 ({@code xor-nn}):
 * {@code Sequential(Linear(2, 2), Sigmoid(), Linear(2, 1), Sigmoid())}, BCE, SGD(lr=1), 10001 steps. Two
 * layers solve XOR. The network is {@link XorNn}; its forward and backward code is generated.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar xor-nn}. Expected (the lecture's notebook):
 * <pre>
 * 0 0.7434073090553284
 * 100 0.6931650638580322
 * ...
 * 10000 0.0012345188297331333
 *
 * Hypothesis:  [[0.00106364]
 *  [0.99889404]
 *  [0.99889404]
 *  [0.00165861]]
 * Correct:  [[0.]
 *  [1.]
 *  [1.]
 *  [0.]]
 * Accuracy:  1.0
 * </pre>
 */
final class XorNnProgram {
  private XorNnProgram() {}

  static void run(String[] args, PrintStream out) {
    Options.none("xor-nn", args);
    Lecture.run(XorNnNet.create(Lecture.SEED), out);
  }
}
