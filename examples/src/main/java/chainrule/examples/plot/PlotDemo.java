package chainrule.examples.plot;

import chainrule.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains a small generated network on two noisy moons and writes the two pictures: the loss curves
 * (train and validation, per epoch) and the decision boundary with the training points.
 *
 * <p>Run: {@code java -cp examples/target/chainrule-examples.jar chainrule.examples.plot.PlotDemo [directory]};
 * it writes {@code loss.png} and {@code boundary.png} into the directory ({@code target/plots} by default).
 */
public final class PlotDemo {
  private PlotDemo() {}

  static final int EPOCHS = 300;

  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : "target/plots");
    Random random = new Random(7);
    Moons train = Moons.sample(400, 0.15, random);
    Moons validation = Moons.sample(200, 0.15, random);

    PlotDemoModelNet net = PlotDemoModelNet.create(7);
    Adam adam = new Adam(0.01f);
    float[] trainLoss = new float[EPOCHS];
    float[] validationLoss = new float[EPOCHS];
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      trainLoss[epoch] = net.trainStep(train.xy, train.labels, train.rows, adam); // full batch: one step an epoch
      validationLoss[epoch] = bce(net.forward(validation.xy, validation.rows), validation.labels);
    }
    new LossCurves()
        .title("two moons, 2-16-16-1 tanh, Adam(0.01), full batch")
        .series("train loss", trainLoss)
        .series("validation loss", validationLoss)
        .logScale(true)
        .write(directory.resolve("loss.png"));
    DecisionBoundary.ofBatch(net::forward)
        .points(train.xy, train.labels)
        .title("two moons: the trained network's p(class 1)")
        .write(directory.resolve("boundary.png"));
    System.out.printf("epoch %d: train loss %.4f, validation loss %.4f%n", EPOCHS, trainLoss[EPOCHS - 1],
        validationLoss[EPOCHS - 1]);
    System.out.println("wrote " + directory.resolve("loss.png") + " and " + directory.resolve("boundary.png"));
  }

  /** Mean binary cross-entropy, each log clamped at -100 as {@code torch.nn.BCELoss} does. */
  static float bce(float[] p, float[] y) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum -= y[i] * Math.max(Math.log(p[i]), -100) + (1 - y[i]) * Math.max(Math.log(1 - p[i]), -100);
    }
    return (float) (sum / p.length);
  }

  /**
   * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 on the upper arc
   * (cos t, sin t), class 1 on the lower one (1 - cos t, 1/2 - sin t), t uniform in [0, π], plus Gaussian noise.
   */
  record Moons(float[] xy, float[] labels, int rows) {
    static Moons sample(int rows, double noise, Random random) {
      float[] xy = new float[2 * rows];
      float[] labels = new float[rows];
      for (int r = 0; r < rows; r++) {
        int label = r % 2;
        double t = Math.PI * random.nextDouble();
        double x0 = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
        double x1 = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        xy[2 * r] = (float) (x0 + noise * random.nextGaussian());
        xy[2 * r + 1] = (float) (x1 + noise * random.nextGaussian());
        labels[r] = label;
      }
      return new Moons(xy, labels, rows);
    }
  }
}
