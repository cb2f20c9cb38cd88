package chainrule.examples;

import chainrule.TorchGenerator;
import java.io.PrintStream;

/**
 * Lecture "Multi Layer Perceptron", the back-propagation slide ({@code xor-backprop}): the 2-2-1 XOR
 * network trained by the chain rule written out by hand, translated line for line into plain Java. No
 * chainrule code runs here except the initial values; this is what the generated code replaces.
 *
 * <p>Faithful to the slide, including what differs from {@code nn.BCELoss} + autograd: the loss gradient
 * {@code d_Y_pred} has no {@code 1/N} and a {@code 1e-7} in its denominator, weight gradients are sums over
 * the 4 rows, and biases are updated with {@code mean(d_b, 0)}.
 *
 * <p>The slide starts from {@code torch.Tensor(2, 2)}, which is uninitialised memory and cannot be
 * reproduced. This program starts from the values {@code nn.Linear(2, 2)} and {@code nn.Linear(2, 1)} get
 * after {@code torch.manual_seed(777)}, transposed because the slide computes {@code X·w1}; PyTorch run
 * the same way ({@code lab08_manual.py 1 linear}) prints:
 * <pre>
 * 0 0.7434073090553284
 * 100 0.6931480765342712
 * ...
 * 10000 0.0003217102203052491
 * </pre>
 * Run: {@code java -jar examples/target/chainrule-examples.jar xor-backprop}.
 */
final class XorBackpropProgram {
  private XorBackpropProgram() {}

  // X: 4 × 2, Y: 4 × 1; w1: 2 × 2 and w2: 2 × 1 are in × out, as on the slide.
  private static final int N = 4;
  private static final float LEARNING_RATE = 1f;

  static void run(String[] args, PrintStream out) {
    Options.none("xor-backprop", args);
    float[][] X = matrix(Lecture.X, N, 2);
    float[][] Y = matrix(Lecture.Y, N, 1);

    // nn Layers: the values nn.Linear(2, 2), nn.Linear(2, 1) get after torch.manual_seed(777), transposed
    float[] linear1 = new float[2 * 2 + 2];
    float[] linear2 = new float[2 * 1 + 1];
    TorchGenerator generator = new TorchGenerator(Lecture.SEED);
    generator.initLinear(linear1, 0, 2, 2);
    generator.initLinear(linear2, 0, 2, 1);
    float[][] w1 = transpose(matrix(linear1, 2, 2));
    float[] b1 = {linear1[4], linear1[5]};
    float[][] w2 = transpose(matrix(linear2, 1, 2));
    float[] b2 = {linear2[2]};

    for (int step = 0; step < Lecture.STEPS; step++) {
      // forward
      float[][] l1 = add(matmul(X, w1), b1);
      float[][] a1 = sigmoid(l1);
      float[][] l2 = add(matmul(a1, w2), b2);
      float[][] Y_pred = sigmoid(l2);

      // binary cross entropy loss
      float cost = -mean(Y, Y_pred);

      // Back prop (chain rule)
      // Loss derivative: d_Y_pred = (Y_pred - Y) / (Y_pred * (1.0 - Y_pred) + 1e-7)
      float[][] d_Y_pred = new float[N][1];
      for (int r = 0; r < N; r++) {
        d_Y_pred[r][0] = (Y_pred[r][0] - Y[r][0]) / (Y_pred[r][0] * (1f - Y_pred[r][0]) + 1e-7f);
      }

      // Layer 2
      float[][] d_l2 = multiply(d_Y_pred, sigmoidPrime(l2));
      float[][] d_b2 = d_l2;
      float[][] d_w2 = matmul(transpose(a1), d_b2);

      // Layer 1
      float[][] d_a1 = matmul(d_b2, transpose(w2));
      float[][] d_l1 = multiply(d_a1, sigmoidPrime(l1));
      float[][] d_b1 = d_l1;
      float[][] d_w1 = matmul(transpose(X), d_b1);

      // Weight update: sums for weights, means over the rows for biases
      w1 = subtract(w1, d_w1);
      b1 = subtract(b1, meanOverRows(d_b1));
      w2 = subtract(w2, d_w2);
      b2 = subtract(b2, meanOverRows(d_b2));

      if (step % 100 == 0) {
        out.println(step + " " + PythonFormat.repr(cost));
      }
    }

    float[][] Y_pred = sigmoid(add(matmul(sigmoid(add(matmul(X, w1), b1)), w2), b2));
    float[] hypothesis = new float[N];
    for (int r = 0; r < N; r++) {
      hypothesis[r] = Y_pred[r][0];
    }
    Lecture.report(hypothesis, out);
  }

  /** sigmoid(x) = 1 / (1 + exp(-x)), in float like torch's tensor arithmetic. */
  static float[][] sigmoid(float[][] x) {
    float[][] out = new float[x.length][x[0].length];
    for (int r = 0; r < x.length; r++) {
      for (int c = 0; c < x[0].length; c++) {
        out[r][c] = 1f / (1f + (float) Math.exp(-x[r][c]));
      }
    }
    return out;
  }

  /** sigmoid_prime(x) = sigmoid(x) * (1 - sigmoid(x)). */
  static float[][] sigmoidPrime(float[][] x) {
    float[][] s = sigmoid(x);
    float[][] out = new float[x.length][x[0].length];
    for (int r = 0; r < x.length; r++) {
      for (int c = 0; c < x[0].length; c++) {
        out[r][c] = s[r][c] * (1f - s[r][c]);
      }
    }
    return out;
  }

  /** mean(Y * log(Y_pred) + (1 - Y) * log(1 - Y_pred)); the slide does not clamp the logs. */
  private static float mean(float[][] Y, float[][] Y_pred) {
    float sum = 0f;
    for (int r = 0; r < N; r++) {
      float y = Y[r][0];
      float p = Y_pred[r][0];
      sum += y * (float) Math.log(p) + (1f - y) * (float) Math.log(1f - p);
    }
    return sum / N;
  }

  private static float[][] matmul(float[][] a, float[][] b) {
    float[][] out = new float[a.length][b[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < b[0].length; c++) {
        float sum = 0f;
        for (int k = 0; k < b.length; k++) {
          sum += a[r][k] * b[k][c];
        }
        out[r][c] = sum;
      }
    }
    return out;
  }

  private static float[][] transpose(float[][] a) {
    float[][] out = new float[a[0].length][a.length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[0].length; c++) {
        out[c][r] = a[r][c];
      }
    }
    return out;
  }

  /** torch.add(m, b): b broadcast over the rows. */
  private static float[][] add(float[][] m, float[] b) {
    float[][] out = new float[m.length][m[0].length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < m[0].length; c++) {
        out[r][c] = m[r][c] + b[c];
      }
    }
    return out;
  }

  private static float[][] multiply(float[][] a, float[][] b) {
    float[][] out = new float[a.length][a[0].length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[0].length; c++) {
        out[r][c] = a[r][c] * b[r][c];
      }
    }
    return out;
  }

  /** w - learning_rate * d_w. */
  private static float[][] subtract(float[][] w, float[][] d) {
    float[][] out = new float[w.length][w[0].length];
    for (int r = 0; r < w.length; r++) {
      for (int c = 0; c < w[0].length; c++) {
        out[r][c] = w[r][c] - LEARNING_RATE * d[r][c];
      }
    }
    return out;
  }

  private static float[] subtract(float[] b, float[] d) {
    float[] out = new float[b.length];
    for (int c = 0; c < b.length; c++) {
      out[c] = b[c] - LEARNING_RATE * d[c];
    }
    return out;
  }

  /** torch.mean(d, 0). */
  private static float[] meanOverRows(float[][] d) {
    float[] out = new float[d[0].length];
    for (int c = 0; c < out.length; c++) {
      float sum = 0f;
      for (float[] row : d) {
        sum += row[c];
      }
      out[c] = sum / d.length;
    }
    return out;
  }

  private static float[][] matrix(float[] flat, int rows, int columns) {
    float[][] out = new float[rows][columns];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * columns, out[r], 0, columns);
    }
    return out;
  }
}
