package chainrule.internal.fast;

/**
 * A Linear layer of fewer than {@link Fast#SMALL} multiply-adds (the lecture's XOR networks): plain loops,
 * each sum in {@link GemmReference}'s order with terms added as {@code acc + a·b}, so that a tiny network
 * computes exactly what hand-written Java computes. What a step of such a network costs is calls and loop
 * overhead, not arithmetic: these run fastest inlined into the generated pass, where the layer's sizes are
 * constants and C2 unrolls the loops.
 */
final class SmallLinear {
  private SmallLinear() {}

  /** {@code out (rows × outs) = x (rows × ins)·Wᵀ + b}, then {@code max(·, 0)} if {@code relu}. */
  static void forward(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs,
      boolean relu) {
    GemmReference.linear(out, x, params, w, b, rows, ins, outs, false);
    if (relu) {
      for (int i = 0, n = rows * outs; i < n; i++) {
        out[i] = out[i] > 0f ? out[i] : 0f;
      }
    }
  }

  /**
   * {@code dW = doutᵀ·x}, {@code db = Σ_rows dout} (rows ascending) and, unless {@code dx} is null,
   * {@code dx = dout·W} (outputs ascending), in one pass. C2 inlines only methods whose compiled code is small
   * (InlineSmallCode, 2.5 kB), so the inner loops step by the row strides {@code outs} and {@code ins}:
   * compiled on its own, with strides unknown, such a loop is not unrolled and stays small; inlined, the
   * strides are constants and it is optimised as usual.
   */
  static void backward(float[] dx, float[] grads, float[] dout, float[] x, float[] params, int w, int b,
      int rows, int ins, int outs) {
    int end = rows * outs;
    for (int o = 0; o < outs; o++) {
      float db = 0f;
      for (int k = o; k < end; k += outs) { // dout[r][o], r = 0, 1, ..
        db += dout[k];
      }
      grads[b + o] = db;
      for (int i = 0; i < ins; i++) {
        float dw = 0f;
        for (int k = o, xi = i; k < end; k += outs, xi += ins) { // dout[r][o]·x[r][i]
          dw += dout[k] * x[xi];
        }
        grads[w + o * ins + i] = dw;
      }
    }
    if (dx != null) {
      int wEnd = w + outs * ins;
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < ins; i++) {
          float sum = 0f;
          for (int k = r * outs, wi = w + i; wi < wEnd; k++, wi += ins) { // dout[r][o]·W[o][i]
            sum += dout[k] * params[wi];
          }
          dx[r * ins + i] = sum;
        }
      }
    }
  }
}
