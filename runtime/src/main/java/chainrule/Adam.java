package chainrule;

import chainrule.internal.Checks;
import chainrule.internal.Updates;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Adam, as {@code torch.optim.Adam(params, lr, betas, eps)} without weight decay or amsgrad:
 * <pre>
 * m = β1·m + (1 - β1)·g          v = β2·v + (1 - β2)·g²
 * p -= lr / (1 - β1ᵗ) · m / (√v / √(1 - β2ᵗ) + ε)
 * </pre>
 * in float32 with PyTorch 1.13's single-tensor order of operations and roundings: {@code m = fma(g, 1 - β1,
 * β1·m)}, {@code v = fma((1 - β2)·g, g, β2·v)}, {@code d = √v / √(1 - β2ᵗ) + ε}, {@code p = p + (s·m) / d}
 * with {@code s = -lr / (1 - β1ᵗ)}. The constants are computed in double from the decimals you wrote (as
 * Python computes them from its floats: {@code 0.9f} means 0.9) and rounded to float where they meet the
 * arrays.
 *
 * <p>Its moments have the layout of one network's parameters, so an {@code Adam} is bound to the
 * parameter array it first updates (see {@link #bind}) and refuses any other.
 */
public final class Adam implements Optimizer, Updates.Elementwise {
  private final float beta1;
  private final float beta2;
  private final float eps;
  // the same as decimals in double: torch computes its constants from Python floats
  private final double beta1d;
  private final double beta2d;
  private final double epsd;
  private float lr;
  private double lrd;
  private float[] bound; // the parameters this Adam updates; null until the first step or bind
  private float[] m;
  private float[] v;
  private int t;
  // this step's constants, set by begin: -lr / (1 - β1ᵗ), √(1 - β2ᵗ), and β1, β2, 1 - β1, 1 - β2, ε as floats
  private float s;
  private float correction2;
  private float b1;
  private float b2;
  private float oneMinusB1;
  private float oneMinusB2;
  private float e;

  /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
  public Adam(float lr) {
    this(lr, 0.9f, 0.999f, 1e-8f);
  }

  public Adam(float lr, float beta1, float beta2, float eps) {
    if (!(beta1 >= 0f && beta1 < 1f)) {
      throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
    }
    if (!(beta2 >= 0f && beta2 < 1f)) {
      throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
    }
    if (!(eps >= 0f) || !Float.isFinite(eps)) {
      throw new IllegalArgumentException("eps must be finite and >= 0, was " + eps);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.beta1d = decimal(beta1);
    this.beta2d = decimal(beta2);
    this.epsd = decimal(eps);
    setLearningRate(Sgd.checkRate(lr));
  }

  @Override
  public float learningRate() {
    return lr;
  }

  /** {@code lr} finite and {@code >= 0}: a schedule may anneal it to 0 (CosineAnnealingLR's {@code eta_min}). */
  @Override
  public void setLearningRate(float lr) {
    this.lr = Sgd.checkScheduledRate(lr);
    this.lrd = decimal(lr);
  }

  @Override
  public void bind(float[] params) {
    Checks.notNull("params", params);
    if (bound == params) {
      return;
    }
    if (bound != null) {
      throw new IllegalStateException("this Adam updates the parameters of another network, "
          + describe(bound) + ", and was given " + describe(params)
          + ": its moments belong to the first; use one Adam per network");
    }
    bound = params;
    if (m == null) {
      m = new float[params.length];
      v = new float[params.length];
    }
  }

  @Override
  public void step(float[] params, float[] grads) {
    begin(params, grads);
    update(params, grads, 0, params.length);
  }

  /**
   * For generated networks, which split the update between threads ({@link Updates}): checks the arrays, binds
   * to {@code params}, counts the step and computes its constants.
   */
  @Override
  public void begin(float[] params, float[] grads) {
    Checks.sameLength(params, grads);
    bind(params);
    t++;
    // torch's Python-float arithmetic, in double; each constant rounded to float where it meets a tensor
    s = (float) -(lrd / (1 - Math.pow(beta1d, t)));
    correction2 = (float) Math.sqrt(1 - Math.pow(beta2d, t));
    b1 = (float) beta1d;
    b2 = (float) beta2d;
    oneMinusB1 = (float) (1 - beta1d);
    oneMinusB2 = (float) (1 - beta2d);
    e = (float) epsd;
  }

  /**
   * For generated networks ({@link Updates}): parameters {@code from .. to - 1} and their moments, with the
   * constants of the step {@link #begin} started on these parameters; {@link IllegalStateException} if none was.
   */
  @Override
  public void update(float[] params, float[] grads, int from, int to) {
    Checks.updateRange(params, grads, from, to);
    if (params != bound || t == 0) {
      throw new IllegalStateException("update before begin: call begin(params, grads) on these parameters first");
    }
    float[] m = this.m;
    float[] v = this.v;
    float s = this.s;
    float correction2 = this.correction2;
    float b1 = this.b1;
    float b2 = this.b2;
    float oneMinusB1 = this.oneMinusB1;
    float oneMinusB2 = this.oneMinusB2;
    float e = this.e;
    for (int i = from; i < to; i++) {
      float g = grads[i];
      m[i] = Math.fma(g, oneMinusB1, m[i] * b1);
      v[i] = Math.fma(oneMinusB2 * g, g, v[i] * b2);
      float d = (float) Math.sqrt(v[i]) / correction2 + e;
      params[i] = params[i] + (s * m[i]) / d;
    }
  }

  /** Steps taken so far. */
  public int steps() {
    return t;
  }

  /** Format: lr, beta1, beta2, eps, steps, n, then m and v, {@code n} floats each. */
  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeFloat(lr);
    out.writeFloat(beta1);
    out.writeFloat(beta2);
    out.writeFloat(eps);
    out.writeInt(t);
    int n = m == null ? 0 : m.length;
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeFloat(m[i]);
    }
    for (int i = 0; i < n; i++) {
      out.writeFloat(v[i]);
    }
  }

  @Override
  public void readState(DataInput in, float[] params) throws IOException {
    Checks.notNull("in", in);
    Checks.notNull("params", params);
    float savedLr = in.readFloat();
    float savedBeta1 = in.readFloat();
    float savedBeta2 = in.readFloat();
    float savedEps = in.readFloat();
    if (savedBeta1 != beta1 || savedBeta2 != beta2 || savedEps != eps) {
      throw new IllegalArgumentException("the saved state is of Adam(betas=(" + savedBeta1 + ", " + savedBeta2
          + "), eps=" + savedEps + "), this is " + this);
    }
    int steps = in.readInt();
    int n = in.readInt();
    if (steps < 0 || (n != 0 && n != params.length) || (n == 0 && steps != 0)) {
      throw new IllegalArgumentException("the saved Adam state has " + n + " moments after " + steps
          + " steps; params has " + params.length + " floats");
    }
    float[] savedM = new float[params.length];
    float[] savedV = new float[params.length];
    for (int i = 0; i < n; i++) {
      savedM[i] = in.readFloat();
    }
    for (int i = 0; i < n; i++) {
      savedV[i] = in.readFloat();
    }
    if (bound != null && bound != params) {
      bind(params); // throws: this Adam belongs to another network
    }
    setLearningRate(savedLr);
    t = steps;
    m = savedM;
    v = savedV;
    bound = params;
  }

  private static final double[] POWERS_OF_TEN = new double[23]; // 10^0 .. 10^22, all exact in double

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  /**
   * The double nearest the shortest decimal that rounds to {@code f}: what a Python user writes for
   * {@code f} ({@code 0.9f} gives 0.9, not 0.899999976158...). Tries 1 to 9 significant digits,
   * {@code m / 10^k} with {@code m} and {@code 10^k} exact doubles, so the division rounds once; no
   * allocation, since a schedule sets the rate every epoch. Outside 1e-13 .. 1e22 (no learning rate,
   * beta or eps lives there) it is {@code f} itself.
   */
  static double decimal(float f) {
    if (f == 0 || !Float.isFinite(f)) {
      return f;
    }
    double magnitude = Math.abs((double) f);
    int exponent = (int) Math.floor(Math.log10(magnitude));
    for (int digits = 1; digits <= 9; digits++) {
      int k = digits - 1 - exponent; // the decimal is m / 10^k
      double candidate;
      if (k >= 0 && k < POWERS_OF_TEN.length) {
        candidate = Math.rint(magnitude * POWERS_OF_TEN[k]) / POWERS_OF_TEN[k];
      } else if (k < 0 && -k < POWERS_OF_TEN.length) {
        candidate = Math.rint(magnitude / POWERS_OF_TEN[-k]) * POWERS_OF_TEN[-k];
      } else {
        return f;
      }
      if ((float) candidate == (float) magnitude) {
        return Math.copySign(candidate, f);
      }
    }
    return f;
  }

  private static String describe(float[] params) {
    return "float[" + params.length + "]@" + Integer.toHexString(System.identityHashCode(params));
  }

  @Override
  public String toString() {
    return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ")";
  }
}
