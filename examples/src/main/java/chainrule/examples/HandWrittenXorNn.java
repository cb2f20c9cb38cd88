package chainrule.examples;

/**
 * The lecture's {@code xor-nn} written by hand, with PyTorch's semantics ({@code nn.Linear},
 * {@code BCELoss}, autograd, {@code SGD}) rather than the slide's: the reference that {@code compare}
 * holds the generated {@link XorNnNet} against. Each block computes what the generated line with the same
 * comment computes, in the same order of float operations.
 */
final class HandWrittenXorNn {
  // nn.Linear(2, 2) and nn.Linear(2, 1): weights are out × in, row-major.
  final float[] w1 = new float[2 * 2];
  final float[] b1 = new float[2];
  final float[] w2 = new float[1 * 2];
  final float[] b2 = new float[1];
  final float[] d_w1 = new float[2 * 2];
  final float[] d_b1 = new float[2];
  final float[] d_w2 = new float[1 * 2];
  final float[] d_b2 = new float[1];

  private static final int N = 4;
  private final float[] a1 = new float[N * 2];
  private final float[] a2 = new float[N];
  private final float[] d_l2 = new float[N];
  private final float[] d_a1 = new float[N * 2];
  private final float[] d_l1 = new float[N * 2];

  /** One step on the 4 XOR rows: forward, BCE, backward, {@code p -= lr·g}; returns the loss. */
  float trainStep(float[] X, float[] Y, float lr) {
    // forward
    // linear1, sigmoid1: l1 = X·w1ᵀ + b1; a1 = σ(l1)
    for (int r = 0; r < N; r++) {
      for (int o = 0; o < 2; o++) {
        float l1 = 0f;
        for (int i = 0; i < 2; i++) {
          l1 += X[r * 2 + i] * w1[o * 2 + i];
        }
        a1[r * 2 + o] = sigmoid(l1 + b1[o]);
      }
    }
    // linear2, sigmoid2: l2 = a1·w2ᵀ + b2; a2 = σ(l2)
    for (int r = 0; r < N; r++) {
      float l2 = 0f;
      for (int i = 0; i < 2; i++) {
        l2 += a1[r * 2 + i] * w2[i];
      }
      a2[r] = sigmoid(l2 + b2[0]);
    }
    // cost = BCE(a2, Y) = mean(-(Y·log a2 + (1 - Y)·log(1 - a2))), logs clamped at -100
    double sum = 0;
    for (int r = 0; r < N; r++) {
      float logP = Math.max((float) Math.log(a2[r]), -100f);
      float log1mP = Math.max((float) Math.log1p(-a2[r]), -100f);
      sum += (Y[r] - 1f) * log1mP - Y[r] * logP;
    }
    float cost = (float) (sum / N);

    // backward
    // sigmoid2 + BCE: d_l2 = (a2 - Y) / N
    for (int r = 0; r < N; r++) {
      d_l2[r] = (a2[r] - Y[r]) / N;
    }
    // linear2: d_w2 = d_l2ᵀ·a1; d_b2 = Σ_rows d_l2; d_a1 = d_l2·w2
    for (int i = 0; i < 2; i++) {
      d_w2[i] = 0f;
      for (int r = 0; r < N; r++) {
        d_w2[i] += d_l2[r] * a1[r * 2 + i];
      }
    }
    d_b2[0] = 0f;
    for (int r = 0; r < N; r++) {
      d_b2[0] += d_l2[r];
    }
    for (int r = 0; r < N; r++) {
      for (int i = 0; i < 2; i++) {
        d_a1[r * 2 + i] = 0f + d_l2[r] * w2[i];
      }
    }
    // sigmoid1: d_l1 = d_a1 · a1·(1 - a1)
    for (int j = 0; j < N * 2; j++) {
      d_l1[j] = d_a1[j] * (a1[j] * (1f - a1[j]));
    }
    // linear1: d_w1 = d_l1ᵀ·X; d_b1 = Σ_rows d_l1
    for (int o = 0; o < 2; o++) {
      for (int i = 0; i < 2; i++) {
        d_w1[o * 2 + i] = 0f;
        for (int r = 0; r < N; r++) {
          d_w1[o * 2 + i] += d_l1[r * 2 + o] * X[r * 2 + i];
        }
      }
      d_b1[o] = 0f;
      for (int r = 0; r < N; r++) {
        d_b1[o] += d_l1[r * 2 + o];
      }
    }

    // SGD: p -= lr·g, in PyTorch's parameter order
    update(w1, d_w1, lr);
    update(b1, d_b1, lr);
    update(w2, d_w2, lr);
    update(b2, d_b2, lr);
    return cost;
  }

  /** Predictions for the 4 XOR rows after training. */
  float[] forward(float[] X) {
    float[] out = new float[N];
    for (int r = 0; r < N; r++) {
      float l2 = 0f;
      for (int i = 0; i < 2; i++) {
        float l1 = 0f;
        for (int k = 0; k < 2; k++) {
          l1 += X[r * 2 + k] * w1[i * 2 + k];
        }
        l2 += sigmoid(l1 + b1[i]) * w2[i];
      }
      out[r] = sigmoid(l2 + b2[0]);
    }
    return out;
  }

  private static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  private static void update(float[] p, float[] g, float lr) {
    for (int i = 0; i < p.length; i++) {
      p[i] -= lr * g[i];
    }
  }
}
