package chainrule.internal.fast;

/**
 * One matrix product {@code C (m × n) = A (m × k) · B (k × n)}, then its epilogue: {@code + bias} and
 * {@code max(·, 0)} if asked (forward), or ReLU's derivative, a gate, if asked (an input gradient), in the
 * strided form that every path of {@link Gemm} computes:
 * <pre>
 *   C(i, j) = c[co + i·n + j]             row-major, row stride n
 *   A(i, p) = a[ao + i·aRow + p·aK]
 *   B(p, j) = b[bo + p·bK + j·bCol]
 *   bias(j) = bias[biasOffset + j]        if bias is not null
 *   gate(i, j) = gate[i·n + j]            if gate is not null: C(i, j) is kept where gate(i, j) > 0, else 0
 * </pre>
 * The strides express the transposes without copying. They are chosen in one place only, the three methods
 * named for the products a Linear layer needs ({@link #linear}, {@link #weightGradient},
 * {@link #inputGradient}): the paths read a Product, and nobody passes a row of positional ints that would
 * still compile with two of them swapped.
 *
 * <p>Mutable and reused, one per calling thread ({@link Gemm}), so that a step allocates nothing; a part run
 * by another thread only reads it.
 */
final class Product {
  /** C, row-major from {@code c[co]} with row stride {@code n}. */
  float[] c;
  int co;
  /** {@code A(i, p) = a[ao + i·aRow + p·aK]}. */
  float[] a;
  int ao;
  int aRow;
  int aK;
  /** {@code B(p, j) = b[bo + p·bK + j·bCol]}. */
  float[] b;
  int bo;
  int bK;
  int bCol;
  int m;
  int n;
  int k;
  /** Added to column j as {@code bias[biasOffset + j]}; null: no bias. */
  float[] bias;
  int biasOffset;
  boolean relu;
  /**
   * Null, or what gates C like C: ReLU's output {@code a} when C is the gradient of {@code a}, which becomes
   * the gradient of {@code l} (PyTorch's threshold_backward: {@code a > 0 ? C : 0}). The vector kernels, the
   * narrow product and the dot products gate each element as their sums are complete; {@link ScalarGemm} in a
   * pass of its own over each block of columns once its sums are complete ({@link ScalarGemm#finish}).
   */
  float[] gate;

  /**
   * Forward: {@code out (rows × outs) = x (rows × ins) · Wᵀ + b}, then {@code max(·, 0)} if {@code relu};
   * {@code W (outs × ins)} row-major at {@code params[w]}, {@code b} at {@code params[b]}.
   */
  Product linear(float[] out, float[] x, float[] params, int w, int b, int rows, int ins, int outs, boolean relu) {
    this.c = out;
    this.co = 0;
    this.m = rows;
    this.n = outs;
    this.k = ins;
    this.a = x; // A = x
    this.ao = 0;
    this.aRow = ins;
    this.aK = 1;
    this.b = params; // B(p, j) = W[j][p]
    this.bo = w;
    this.bK = 1;
    this.bCol = ins;
    this.bias = params;
    this.biasOffset = b;
    this.relu = relu;
    this.gate = null;
    return this;
  }

  /** Weight gradient: {@code dW (outs × ins) = doutᵀ · x}, written to {@code grads[w ..]}. */
  Product weightGradient(float[] grads, int w, float[] dout, float[] x, int rows, int ins, int outs) {
    this.c = grads;
    this.co = w;
    this.m = outs;
    this.n = ins;
    this.k = rows;
    this.a = dout; // A(o, r) = dout[r][o]
    this.ao = 0;
    this.aRow = 1;
    this.aK = outs;
    this.b = x; // B = x
    this.bo = 0;
    this.bK = ins;
    this.bCol = 1;
    return withoutEpilogue();
  }

  /**
   * Input gradient: {@code dx (rows × ins) = dout · W}; then, if {@code gate} is not null, {@code gate > 0 ? dx : 0}
   * element by element, {@code gate} being {@code rows × ins} like dx (ReLU's output, the layer's input).
   */
  Product inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs, float[] gate) {
    this.c = dx;
    this.co = 0;
    this.m = rows;
    this.n = ins;
    this.k = outs;
    this.a = dout; // A = dout
    this.ao = 0;
    this.aRow = outs;
    this.aK = 1;
    this.b = params; // B = W
    this.bo = w;
    this.bK = ins;
    this.bCol = 1;
    withoutEpilogue();
    this.gate = gate;
    return this;
  }

  /** Drops the arrays, so that a reused Product does not keep a network's buffers alive. */
  void clear() {
    c = null;
    a = null;
    b = null;
    bias = null;
    gate = null;
  }

  private Product withoutEpilogue() {
    this.bias = null;
    this.biasOffset = 0;
    this.relu = false;
    this.gate = null;
    return this;
  }

  /** Whether C's elements pass through {@link #epilogue} once their sums are complete. */
  boolean hasEpilogue() {
    return bias != null || relu || gate != null;
  }

  /**
   * Every path's epilogue, element {@code (i, j)} of C: {@link #forward}'s, then, with a gate,
   * {@code gate(i, j) > 0 ? l : 0} (0 where the gate is NaN or -0, as threshold_backward).
   */
  float epilogue(float sum, int i, int j) {
    float l = forward(sum, bias, biasOffset + j, relu);
    return gate == null || gate[i * n + j] > 0f ? l : 0f;
  }

  /**
   * The forward epilogue, one element: {@code sum + bias[b]}, then {@code max(·, 0)} if {@code relu}, as
   * {@code l > 0 ? l : 0} (0 for NaN and -0, as PyTorch's threshold).
   */
  static float forward(float sum, float[] bias, int b, boolean relu) {
    float l = bias == null ? sum : sum + bias[b];
    return relu ? (l > 0f ? l : 0f) : l;
  }
}
