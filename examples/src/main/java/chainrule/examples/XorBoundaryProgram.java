package chainrule.examples;

import chainrule.Data;
import chainrule.Fit;
import chainrule.History;
import chainrule.Sgd;
import chainrule.examples.plot.DecisionBoundary;
import chainrule.examples.plot.LossCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Beyond the lecture ({@code xor-boundary}): lab-08_2's network {@link XorNn} (2-2-1, Sigmoid, BCE) trained
 * as in {@code xor-nn}, seed 777, SGD(lr=1), 10001 full-batch epochs, but through the generated {@code fit}
 * (each epoch is one step on the four points, bit for bit the lecture's loop), then drawn: the probability
 * of 1 over the plane with its 0.5 contour and the four points, and the loss curve.
 *
 * <p>Run: {@code java -jar examples/target/chainrule-examples.jar xor-boundary [--out DIR]}. It prints the
 * four predictions and writes {@code boundary.png} and {@code loss.png} into {@code target/xor-boundary}.
 * Expected (the first and last loss are {@code xor-nn}'s steps 0 and 10000):
 * <pre>
 * 10001 epochs of SGD(1.0) on the 4 points: loss 0.7434072494506836 -&gt; 0.0012345332652330399
 *   (0, 0): p 0.001064, predicted 0, XOR 0
 *   (0, 1): p 0.998894, predicted 1, XOR 1
 *   (1, 0): p 0.998894, predicted 1, XOR 1
 *   (1, 1): p 0.001659, predicted 0, XOR 0
 * wrote target/xor-boundary/boundary.png and target/xor-boundary/loss.png
 * </pre>
 */
final class XorBoundaryProgram {
  private XorBoundaryProgram() {}

  static final Path DEFAULT_OUT = Path.of("target", "xor-boundary");

  /** What a run produced: the trained network, its history, the pictures. */
  record Run(XorNnNet net, History history, Path boundaryPng, Path lossPng) {}

  static void run(String[] args, PrintStream out) throws IOException {
    Options options = Options.parse("xor-boundary", args, List.of("--out"), "--out DIR");
    train(options.path("--out", DEFAULT_OUT), out);
  }

  /** Trains, prints to {@code out} and writes the two pictures into {@code dir}. */
  static Run train(Path dir, PrintStream out) throws IOException {
    Files.createDirectories(dir); // a place it cannot write fails now, not after training
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    History history = net.fit(Data.of(Lecture.X, Lecture.Y, Lecture.ROWS),
        Fit.epochs(Lecture.STEPS).optimizer(new Sgd(Lecture.LEARNING_RATE)).silent()); // full batch, file order
    float[] loss = history.loss();
    out.printf("%d epochs of SGD(%s) on the 4 points: loss %s -> %s%n", history.epochs(),
        PythonFormat.repr(Lecture.LEARNING_RATE), PythonFormat.repr(loss[0]), PythonFormat.repr(loss[loss.length - 1]));
    float[] p = net.forward(Lecture.X, Lecture.ROWS);
    int[] predicted = net.predict(Lecture.X, Lecture.ROWS);
    for (int r = 0; r < Lecture.ROWS; r++) {
      out.printf("  (%d, %d): p %.6f, predicted %d, XOR %d%n", (int) Lecture.X[2 * r], (int) Lecture.X[2 * r + 1],
          p[r], predicted[r], (int) Lecture.Y[r]);
    }

    Files.createDirectories(dir);
    Path boundary = dir.resolve("boundary.png");
    DecisionBoundary.ofBatch(net::forward)
        .points(Lecture.X, Lecture.Y)
        .x0Range(-0.5, 1.5).x1Range(-0.5, 1.5) // wide enough to show the band between the hidden units' lines
        .title("XOR, 2-2-1 Sigmoid after " + history.epochs() + " epochs: p(x0 XOR x1 = 1)")
        .classNames("XOR 0", "XOR 1")
        .write(boundary);
    Path lossPng = dir.resolve("loss.png");
    new LossCurves()
        .title("XOR, 2-2-1 Sigmoid, BCE, SGD(lr=1), full batch of 4")
        .series("train loss", loss)
        .firstX(0).axisLabels("step (epoch - 1, as the lecture counts)", "loss") // epoch 1 is the lecture's step 0
        .logScale(true)
        .write(lossPng);
    out.println("wrote " + boundary + " and " + lossPng);
    return new Run(net, history, boundary, lossPng);
  }
}
