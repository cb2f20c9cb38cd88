package chainrule;

/**
 * The three matrix products a Linear layer needs, with {@code W (outs × ins)} row-major at
 * {@code params[w]}. Each output element is one dot product summed in index order, so results do not
 * depend on blocking or on how rows are split between threads.
 */
final class Gemm {
  private Gemm() {}

  /** {@code out[r][o] = b[o] + Σ_i x[r][i]·W[o][i]}: forward, {@code x·Wᵀ + b}. */
  static void linear(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs) {
    for (int r = 0; r < rows; r++) {
      int xr = r * ins;
      int or = r * outs;
      for (int o = 0; o < outs; o++) {
        int wo = w + o * ins;
        float acc = 0f;
        for (int i = 0; i < ins; i++) {
          acc += x[xr + i] * params[wo + i];
        }
        out[or + o] = acc + params[b + o];
      }
    }
  }

  /** {@code dW[o][i] = Σ_r dout[r][o]·x[r][i]}: {@code doutᵀ·x}, written to {@code grads[w ..]}. */
  static void weightGradient(float[] grads, int w, float[] dout, float[] x, int rows, int ins, int outs) {
    for (int o = 0; o < outs; o++) {
      int wo = w + o * ins;
      for (int i = 0; i < ins; i++) {
        grads[wo + i] = 0f;
      }
      for (int r = 0; r < rows; r++) {
        float d = dout[r * outs + o];
        int xr = r * ins;
        for (int i = 0; i < ins; i++) {
          grads[wo + i] += d * x[xr + i];
        }
      }
    }
  }

  /** {@code dx[r][i] = Σ_o dout[r][o]·W[o][i]}: {@code dout·W}. */
  static void inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs) {
    for (int r = 0; r < rows; r++) {
      int xr = r * ins;
      for (int i = 0; i < ins; i++) {
        dx[xr + i] = 0f;
      }
      for (int o = 0; o < outs; o++) {
        float d = dout[r * outs + o];
        int wo = w + o * ins;
        for (int i = 0; i < ins; i++) {
          dx[xr + i] += d * params[wo + i];
        }
      }
    }
  }
}
