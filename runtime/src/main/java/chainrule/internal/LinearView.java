package chainrule.internal;

import chainrule.Linear;
import java.util.Arrays;

/**
 * The {@link Linear} that generated networks create: a view into the network's flat parameter and gradient
 * arrays, the weight ({@code out × in}, row-major, as in PyTorch) at {@code offset}, the bias ({@code out})
 * right after it. Gradients use the same layout.
 */
public final class LinearView implements Linear {
  private final float[] params;
  private final float[] grads;
  private final int weightOffset;
  private final int biasOffset;
  private final int in;
  private final int out;

  /** A view of {@code in·out + out} parameters at {@code params[offset ..]}, gradients at the same place in {@code grads}. */
  public LinearView(float[] params, float[] grads, int offset, int in, int out) {
    Checks.positive("in", in);
    Checks.positive("out", out);
    if (params.length != grads.length) {
      throw new IllegalArgumentException(
          "grads must have the layout of params: expected length " + params.length + ", was " + grads.length);
    }
    int count = parameterCount(in, out);
    if (offset < 0 || offset > params.length - count) {
      throw new IllegalArgumentException("offset " + offset + " + " + count + " parameters of Linear(" + in + ", " + out
          + ") must fit in params of length " + params.length);
    }
    this.params = params;
    this.grads = grads;
    this.weightOffset = offset;
    this.biasOffset = offset + in * out;
    this.in = in;
    this.out = out;
  }

  /** Parameters of {@code Linear(in, out)}: weight {@code in·out} and bias {@code out}. */
  static int parameterCount(int in, int out) {
    return in * out + out;
  }

  @Override
  public int in() {
    return in;
  }

  @Override
  public int out() {
    return out;
  }

  @Override
  public float[] weight() {
    return Arrays.copyOfRange(params, weightOffset, biasOffset);
  }

  @Override
  public float[] bias() {
    return Arrays.copyOfRange(params, biasOffset, biasOffset + out);
  }

  @Override
  public float[] weightGrad() {
    return Arrays.copyOfRange(grads, weightOffset, biasOffset);
  }

  @Override
  public float[] biasGrad() {
    return Arrays.copyOfRange(grads, biasOffset, biasOffset + out);
  }

  @Override
  public void setWeight(float[] weight) {
    Checks.length("weight", weight, in * out);
    System.arraycopy(weight, 0, params, weightOffset, in * out);
  }

  @Override
  public void setBias(float[] bias) {
    Checks.length("bias", bias, out);
    System.arraycopy(bias, 0, params, biasOffset, out);
  }

  @Override
  public String toString() {
    return "Linear(in=" + in + ", out=" + out + ")";
  }
}
