package demo;

import chainrule.Sgd;

/**
 * Trains {@link Moons} on two interleaving half circles (scikit-learn's {@code make_moons} without noise) and
 * throws if it did not learn them, so that the build running it fails:
 * {@code mvn compile exec:java -Dexec.mainClass=demo.TrainMoons}.
 */
public final class TrainMoons {
  static final int ROWS = 64;
  static final int STEPS = 5000;

  public static void main(String[] args) {
    float[] x = new float[ROWS * 2];  // (ROWS, 2), row-major
    float[] y = new float[ROWS];      // (ROWS, 1): 0 for the upper moon, 1 for the lower one
    int half = ROWS / 2;
    for (int i = 0; i < half; i++) {
      double t = Math.PI * i / (half - 1);
      int upper = i;
      int lower = half + i;
      x[2 * upper] = (float) Math.cos(t);
      x[2 * upper + 1] = (float) Math.sin(t);
      x[2 * lower] = (float) (1 - Math.cos(t));
      x[2 * lower + 1] = (float) (0.5 - Math.sin(t));
      y[lower] = 1f;
    }

    MoonsNet net = MoonsNet.create(1);
    Sgd sgd = new Sgd(1.0f);
    float first = net.trainStep(x, y, ROWS, sgd);
    float last = first;
    for (int step = 1; step < STEPS; step++) {
      last = net.trainStep(x, y, ROWS, sgd);
    }
    float[] p = net.forward(x, ROWS);
    int correct = 0;
    for (int i = 0; i < ROWS; i++) {
      if ((p[i] > 0.5f) == (y[i] == 1f)) {
        correct++;
      }
    }
    System.out.printf("moons: loss %.4f at step 0, %.4f at step %d; %d of %d correct%n",
        first, last, STEPS - 1, correct, ROWS);
    // a 2-4-1 network separates the noise-free moons; a broken processor or runtime does not
    if (!(last < first / 4) || correct < ROWS * 9 / 10) {
      throw new IllegalStateException("Moons did not learn: loss " + first + " -> " + last
          + ", correct " + correct + " of " + ROWS + ", expected a loss below a quarter of the first"
          + " and at least " + ROWS * 9 / 10 + " correct");
    }
  }
}
