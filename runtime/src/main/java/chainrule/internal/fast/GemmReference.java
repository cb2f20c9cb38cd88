package chainrule.internal.fast;

/**
 * The three matrix products of a Linear layer as plain loops: the definition that {@link Gemm}'s blocked,
 * vectorised and multi-threaded paths must equal bit for bit. Each output element is a sum in index order
 * that starts at 0 and adds one term at a time; the forward pass then adds the bias. A term is added as
 * {@code acc + a·b}, rounding the product and then the sum, as hand-written Java does, or if {@code fused}
 * as {@code Math.fma(a, b, acc)}, rounding once, as BLAS libraries do. Layers of fewer than
 * {@link Fast#SMALL} multiply-adds use the first ({@link SmallLinear}: tiny networks compute exactly what the
 * lecture's hand-written code computes), {@link Gemm} the second, ~12% faster. {@code W (outs × ins)} is row-major at {@code params[w]}, like {@code torch.nn.Linear}.
 */
final class GemmReference {
  private GemmReference() {}

  /** {@code out[r][o] = (Σ_i x[r][i]·W[o][i]) + b[o]}: forward, {@code x·Wᵀ + b}. */
  static void linear(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs,
      boolean fused) {
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outs; o++) {
        float acc = 0f;
        for (int i = 0; i < ins; i++) {
          acc = term(acc, x[r * ins + i], params[w + o * ins + i], fused);
        }
        out[r * outs + o] = acc + params[b + o];
      }
    }
  }

  /** {@code dW[o][i] = Σ_r dout[r][o]·x[r][i]}: {@code doutᵀ·x}, written to {@code grads[w ..]}. */
  static void weightGradient(float[] grads, int w, float[] dout, float[] x, int rows, int ins, int outs,
      boolean fused) {
    for (int o = 0; o < outs; o++) {
      for (int i = 0; i < ins; i++) {
        float acc = 0f;
        for (int r = 0; r < rows; r++) {
          acc = term(acc, dout[r * outs + o], x[r * ins + i], fused);
        }
        grads[w + o * ins + i] = acc;
      }
    }
  }

  /** {@code dx[r][i] = Σ_o dout[r][o]·W[o][i]}: {@code dout·W}. */
  static void inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs,
      boolean fused) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < ins; i++) {
        float acc = 0f;
        for (int o = 0; o < outs; o++) {
          acc = term(acc, dout[r * outs + o], params[w + o * ins + i], fused);
        }
        dx[r * ins + i] = acc;
      }
    }
  }

  /** {@code db[o] = Σ_r dout[r][o]}, summed in row order. */
  static void biasGradient(float[] grads, int b, float[] dout, int rows, int outs) {
    for (int o = 0; o < outs; o++) {
      float acc = 0f;
      for (int r = 0; r < rows; r++) {
        acc += dout[r * outs + o];
      }
      grads[b + o] = acc;
    }
  }

  /** {@code acc + a·b}: {@code Math.fma(a, b, acc)} if {@code fused}, else rounded twice. */
  static float term(float acc, float a, float b, boolean fused) {
    return fused ? Math.fma(a, b, acc) : acc + a * b;
  }
}
