package chainrule.internal.fast;

/**
 * One matrix product {@code C (m × n) = A (m × k) · B (k × n)}, then {@code + bias} and {@code max(·, 0)} if
 * asked, in the strided form that every path of {@link Gemm} computes:
 * <pre>
 *   C(i, j) = c[co + i·n + j]             row-major, row stride n
 *   A(i, p) = a[ao + i·aRow + p·aK]
 *   B(p, j) = b[bo + p·bK + j·bCol]
 *   bias(j) = bias[biasOffset + j]        if bias is not null
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

  /** Input gradient: {@code dx (rows × ins) = dout · W}. */
  Product inputGradient(float[] dx, float[] dout, float[] params, int w, int rows, int ins, int outs) {
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
    return withoutEpilogue();
  }

  /** Drops the arrays, so that a reused Product does not keep a network's buffers alive. */
  void clear() {
    c = null;
    a = null;
    b = null;
    bias = null;
  }

  private Product withoutEpilogue() {
    this.bias = null;
    this.biasOffset = 0;
    this.relu = false;
    return this;
  }

  /**
   * Every path's epilogue, one element: {@code sum + bias[j]}, then {@code max(·, 0)} if {@code relu}, as
   * {@code l > 0 ? l : 0} (0 for NaN and -0, as PyTorch's threshold).
   */
  static float epilogue(float sum, float[] bias, int j, boolean relu) {
    float l = bias == null ? sum : sum + bias[j];
    return relu ? (l > 0f ? l : 0f) : l;
  }
}
