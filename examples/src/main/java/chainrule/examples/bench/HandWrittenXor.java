package chainrule.examples.bench;

import chainrule.examples.XorNnNet;
import chainrule.Linear;

/**
 * The {@code xor} case's step written by hand in plain Java, the baseline the generated {@link XorNnNet} is
 * measured against: the same network and the same semantics (Linear as {@code x·Wᵀ + b}, σ in double,
 * PyTorch's {@code BCELoss}, the fused Sigmoid + BCE gradient {@code (a - y) / n}, then {@code p -= lr·g}),
 * written the way one would for exactly this network: fixed sizes, loops, no checks.
 */
final class HandWrittenXor {
  private static final int N = 4;
  // Linear(2, 2) and Linear(2, 1), weights out × in like torch.nn.Linear
  private final float[] w1 = new float[2 * 2];
  private final float[] b1 = new float[2];
  private final float[] w2 = new float[2];
  private final float[] b2 = new float[1];
  private final float[] a1 = new float[N * 2];
  private final float[] a2 = new float[N];
  private final float[] dl2 = new float[N];
  private final float[] dl1 = new float[N * 2];

  /** Starts from the parameters of {@code linear1} and {@code linear2}. */
  HandWrittenXor(Linear linear1, Linear linear2) {
    System.arraycopy(linear1.weight(), 0, w1, 0, w1.length);
    System.arraycopy(linear1.bias(), 0, b1, 0, b1.length);
    System.arraycopy(linear2.weight(), 0, w2, 0, w2.length);
    System.arraycopy(linear2.bias(), 0, b2, 0, b2.length);
  }

  /** One step on the 4 rows of {@code x} ({@code 4 × 2}) and {@code y} ({@code 4 × 1}); returns the loss before the update. */
  float trainStep(float[] x, float[] y, float lr) {
    // forward: a1 = σ(x·w1ᵀ + b1), a2 = σ(a1·w2ᵀ + b2)
    for (int r = 0; r < N; r++) {
      for (int o = 0; o < 2; o++) {
        float l = 0f;
        for (int i = 0; i < 2; i++) {
          l += x[r * 2 + i] * w1[o * 2 + i];
        }
        a1[r * 2 + o] = sigmoid(l + b1[o]);
      }
      float l = 0f;
      for (int i = 0; i < 2; i++) {
        l += a1[r * 2 + i] * w2[i];
      }
      a2[r] = sigmoid(l + b2[0]);
    }
    // loss: BCE, each log clamped at -100, summed in double
    double sum = 0;
    for (int r = 0; r < N; r++) {
      float logP = Math.max((float) Math.log(a2[r]), -100f);
      float log1mP = Math.max((float) Math.log1p(-a2[r]), -100f);
      sum += (y[r] - 1f) * log1mP - y[r] * logP;
    }
    float cost = (float) (sum / N);

    // backward: dl2 = (a2 - y) / n, dl1 = (dl2·w2) · a1·(1 - a1)
    for (int r = 0; r < N; r++) {
      dl2[r] = (a2[r] - y[r]) / N;
      for (int i = 0; i < 2; i++) {
        float a = a1[r * 2 + i];
        dl1[r * 2 + i] = dl2[r] * w2[i] * (a * (1f - a));
      }
    }
    // gradients, then SGD, parameter by parameter: g = Σ_rows, p -= lr·g
    for (int i = 0; i < 2; i++) {
      float g = 0f;
      for (int r = 0; r < N; r++) {
        g += dl2[r] * a1[r * 2 + i];
      }
      w2[i] -= lr * g;
    }
    float gb2 = 0f;
    for (int r = 0; r < N; r++) {
      gb2 += dl2[r];
    }
    b2[0] -= lr * gb2;
    for (int o = 0; o < 2; o++) {
      for (int i = 0; i < 2; i++) {
        float g = 0f;
        for (int r = 0; r < N; r++) {
          g += dl1[r * 2 + o] * x[r * 2 + i];
        }
        w1[o * 2 + i] -= lr * g;
      }
      float g = 0f;
      for (int r = 0; r < N; r++) {
        g += dl1[r * 2 + o];
      }
      b1[o] -= lr * g;
    }
    return cost;
  }

  private static float sigmoid(float l) {
    return (float) (1.0 / (1.0 + Math.exp(-l)));
  }
}
