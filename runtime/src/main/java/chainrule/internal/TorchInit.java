package chainrule.internal;

import chainrule.TorchGenerator;

/**
 * PyTorch 1.13's {@code torch.nn.init} functions for a {@code Linear} weight ({@code outs × ins}, row-major),
 * drawing from a {@link TorchGenerator} exactly as torch draws from its CPU generator, bit for bit on an
 * AVX2 CPU (checked against torch in {@code TorchInitTest}).
 *
 * <p>One {@code TorchInit} per generator: besides the generator's MT19937 state, torch's CPU generator
 * keeps one cached normal sample (the sine half of the last Box–Muller pair drawn by the scalar
 * {@code normal_} path, which tensors of fewer than 16 elements take), and this object keeps it.
 * {@code torch.manual_seed} clears the cache, as a new {@code TorchInit} does.
 *
 * <p>Fans of a {@code Linear(ins, outs)} weight: {@code fan_in = ins}, {@code fan_out = outs}. The bounds
 * and standard deviations are computed in double in {@code torch/nn/init.py}'s order; changing that order
 * can change their last bit and with it every drawn value.
 */
public final class TorchInit {
  /** {@code torch.nn.init.calculate_gain('relu')} = √2, also the gain of kaiming's default leaky ReLU(0). */
  public static final double RELU_GAIN = Math.sqrt(2.0);
  /** {@code calculate_gain('tanh')} = 5/3. */
  public static final double TANH_GAIN = 5.0 / 3;

  private static final int BLOCK = 16; // normal_ transforms 16 uniforms at a time: 8 cosines, 8 sines
  private static final float TWO_PI_F = (float) (2 * Math.PI);

  private final TorchGenerator generator;
  private final float[] sinCos = new float[2];
  private boolean hasCachedNormal;
  private double cachedNormal;

  /** Initialisers drawing from {@code generator}, which torch would have just seeded or advanced. */
  public TorchInit(TorchGenerator generator) {
    Checks.notNull("generator", generator);
    this.generator = generator;
  }

  /**
   * {@code torch.nn.init.xavier_uniform_(w, gain)}: {@code a = gain·√(2 / (fan_in + fan_out))·√3}, then
   * {@code uniform_(-a, a)} (one 32-bit draw per element).
   */
  public void xavierUniform(float[] dst, int offset, int outs, int ins, double gain) {
    checkShape(outs, ins);
    double std = gain * Math.sqrt(2.0 / (double) (ins + outs));
    double a = Math.sqrt(3.0) * std;
    generator.uniform(dst, offset, outs * ins, -a, a);
  }

  /** {@code torch.nn.init.xavier_normal_(w, gain)}: {@code normal_(0, gain·√(2 / (fan_in + fan_out)))}. */
  public void xavierNormal(float[] dst, int offset, int outs, int ins, double gain) {
    checkShape(outs, ins);
    double std = gain * Math.sqrt(2.0 / (double) (ins + outs));
    normal(dst, offset, outs * ins, 0, std);
  }

  /**
   * {@code torch.nn.init.kaiming_uniform_(w, mode='fan_in')} with the gain of its nonlinearity
   * ({@link #RELU_GAIN} for {@code 'relu'} and for the default {@code 'leaky_relu'} with {@code a = 0}):
   * {@code bound = √3·(gain / √fan_in)}, then {@code uniform_(-bound, bound)}.
   */
  public void kaimingUniform(float[] dst, int offset, int outs, int ins, double gain) {
    checkShape(outs, ins);
    double std = gain / Math.sqrt(ins);
    double bound = Math.sqrt(3.0) * std;
    generator.uniform(dst, offset, outs * ins, -bound, bound);
  }

  /** {@code torch.nn.init.kaiming_normal_(w, mode='fan_in')}: {@code normal_(0, gain / √fan_in)}. */
  public void kaimingNormal(float[] dst, int offset, int outs, int ins, double gain) {
    checkShape(outs, ins);
    normal(dst, offset, outs * ins, 0, gain / Math.sqrt(ins));
  }

  /**
   * {@code torch.nn.init.normal_(t, mean, std)} on a contiguous float tensor of {@code count} elements at
   * {@code dst[offset]}.
   *
   * <p>At least 16 elements (torch's AVX2 path, {@code normal_fill_AVX2}): every element first gets a uniform
   * {@code u = (random32 & 0xFFFFFF)·2^-24}; then each block of 16 becomes 8 Box–Muller pairs,
   * {@code r = √(-2·log(1 - u[j]))}, {@code θ = 2π·u[j + 8]}, {@code d[j] = r·cos θ·std + mean},
   * {@code d[j + 8] = r·sin θ·std + mean} (j = 0..7), all in float with {@link AvxMathFun}'s log, sin and cos
   * and a fused multiply-add for {@code ·std + mean}. If 16 does not divide the count, the last 16 elements are
   * refilled with 16 fresh uniforms and transformed again (overwriting up to 15 finished values).
   *
   * <p>Fewer than 16 elements (torch's scalar path, {@code at::normal_distribution<double>}): per element, a
   * cached sample if there is one, else {@code u1, u2} from two 64-bit draws ({@code (random64 & (2^53-1))·2^-53}),
   * {@code r = √(-2·log(1 - u2))}, {@code θ = 2π·u1}, the value {@code r·cos θ}, and {@code r·sin θ} cached for
   * the next element (or the next small {@code normal_}); then {@code (float) (value·std + mean)} in double.
   */
  public void normal(float[] dst, int offset, int count, double mean, double std) {
    checkRange(dst, offset, count);
    if (!(std >= 0)) {
      throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
    }
    if (count >= BLOCK) {
      normalBlocks(dst, offset, count, (float) mean, (float) std);
    } else {
      for (int i = 0; i < count; i++) {
        dst[offset + i] = (float) Math.fma(standardNormalDouble(), std, mean);
      }
    }
  }

  private void normalBlocks(float[] dst, int offset, int count, float mean, float std) {
    generator.uniform(dst, offset, count, 0, 1); // (u & 0xFFFFFF)·2^-24 exactly, as torch's float uniform(0, 1)
    for (int i = 0; i + BLOCK <= count; i += BLOCK) {
      boxMuller16(dst, offset + i, mean, std);
    }
    if (count % BLOCK != 0) {
      int last = offset + count - BLOCK;
      generator.uniform(dst, last, BLOCK, 0, 1);
      boxMuller16(dst, last, mean, std);
    }
  }

  /** {@code normal_fill_16_AVX2}: d[j], d[j + 8] ← r·cos θ, r·sin θ scaled, j = 0..7 (one 8-lane vector each). */
  private void boxMuller16(float[] d, int at, float mean, float std) {
    for (int j = 0; j < 8; j++) {
      float u1 = 1f - d[at + j]; // [0, 1) → (0, 1] for the log
      float theta = TWO_PI_F * d[at + j + 8];
      float radius = (float) Math.sqrt(AvxMathFun.log(u1) * -2f); // float sqrt: double rounding is harmless
      AvxMathFun.sincos(theta, sinCos);
      float n1 = radius * sinCos[1];
      float n2 = radius * sinCos[0];
      d[at + j] = Math.fma(n1, std, mean);
      d[at + j + 8] = Math.fma(n2, std, mean);
    }
  }

  /** One sample of {@code at::normal_distribution<double>}, using and refilling the cached sine half. */
  private double standardNormalDouble() {
    if (hasCachedNormal) {
      hasCachedNormal = false;
      return cachedNormal;
    }
    double u1 = uniformDouble();
    double u2 = uniformDouble();
    double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
    double theta = 2.0 * Math.PI * u1;
    cachedNormal = r * Math.sin(theta);
    hasCachedNormal = true;
    return r * Math.cos(theta);
  }

  /** {@code uniform_real_distribution<double>(0, 1)}: 53 bits of one random64 = (first << 32) | second. */
  private double uniformDouble() {
    long hi = Integer.toUnsignedLong(generator.nextInt());
    long lo = Integer.toUnsignedLong(generator.nextInt());
    long random64 = (hi << 32) | lo;
    return (random64 & ((1L << 53) - 1)) * 0x1p-53;
  }

  private static void checkShape(int outs, int ins) {
    Checks.positive("outs", outs);
    Checks.positive("ins", ins);
    if ((long) outs * ins > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "outs × ins must fit an int, was " + outs + " × " + ins + " = " + (long) outs * ins);
    }
  }

  private static void checkRange(float[] dst, int offset, int count) {
    Checks.notNull("dst", dst);
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    if (offset < 0 || (long) offset + count > dst.length) {
      throw new IllegalArgumentException("dst[" + offset + " .. " + ((long) offset + count)
          + ") must lie inside dst, which has " + dst.length + " floats");
    }
  }
}
