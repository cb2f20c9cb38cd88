package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The LeakyReLU kernel pair against PyTorch 1.13's {@code nn.LeakyReLU} on the CPU, bit for bit, including
 * 0, -0, a product that underflows, a huge one, and NaN. The references are what
 * {@code nn.LeakyReLU(slope)(x)} and {@code x.grad} after {@code backward(1.5)} gave, as float32 bit patterns
 * (from {@code src/test/resources/reference/leaky_relu.py}, which prints them).
 */
class LeakyReluKernelsTest {
  /** Inputs: -2, -1e-45 (the smallest subnormal), -0, 0, 1e-45, 3.5, -3e38, NaN, 0.7, -0.7. */
  private static final int[] X = {
      0xc0000000, 0x80000001, 0x80000000, 0x00000000, 0x00000001, 0x40600000, 0xff61b1e6, 0x7fc00000, 0x3f333333,
      0xbf333333};
  private static final float UPSTREAM = 1.5f;

  private static final int[] Y_001 = {
      0xbca3d70a, 0x80000000, 0x80000000, 0x00000000, 0x00000001, 0x40600000, 0xfc1071db, 0x7fc00000, 0x3f333333,
      0xbbe56041};
  private static final int[] G_001 = {
      0x3c75c28f, 0x3c75c28f, 0x3c75c28f, 0x3c75c28f, 0x3fc00000, 0x3fc00000, 0x3c75c28f, 0x3c75c28f, 0x3fc00000,
      0x3c75c28f};
  private static final int[] Y_02 = {
      0xbecccccd, 0x80000000, 0x80000000, 0x00000000, 0x00000001, 0x40600000, 0xfe348e52, 0x7fc00000, 0x3f333333,
      0xbe0f5c29};
  private static final int[] G_02 = {
      0x3e99999a, 0x3e99999a, 0x3e99999a, 0x3e99999a, 0x3fc00000, 0x3fc00000, 0x3e99999a, 0x3e99999a, 0x3fc00000,
      0x3e99999a};
  private static final int[] Y_0 = {
      0x80000000, 0x80000000, 0x80000000, 0x00000000, 0x00000001, 0x40600000, 0x80000000, 0x7fc00000, 0x3f333333,
      0x80000000};
  private static final int[] G_0 = {
      0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000, 0x00000000, 0x00000000, 0x3fc00000,
      0x00000000};

  @Test
  void pytorchsDefaultSlope() {
    check((float) 0.01, Y_001, G_001);
  }

  @Test
  void anotherSlope() {
    check((float) 0.2, Y_02, G_02);
  }

  @Test
  void slopeZeroIsReluWithSignedZeros() {
    check(0f, Y_0, G_0);
  }

  @Test
  void forwardMayRunInPlace() {
    float[] l = floats(X);
    Kernels.leakyReluForward(l, l, (float) 0.01, l.length);
    assertBits(Y_001, l, "in place");
  }

  private static void check(float slope, int[] expectedY, int[] expectedGrad) {
    float[] l = floats(X);
    float[] a = new float[l.length];
    Kernels.leakyReluForward(a, l, slope, l.length);
    assertBits(expectedY, a, "forward");
    float[] da = new float[l.length];
    java.util.Arrays.fill(da, UPSTREAM);
    float[] dl = new float[l.length];
    Kernels.leakyReluBackward(dl, da, a, slope, l.length);
    assertBits(expectedGrad, dl, "backward");
  }

  private static float[] floats(int[] bits) {
    float[] values = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = Float.intBitsToFloat(bits[i]);
    }
    return values;
  }

  private static void assertBits(int[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Integer.toHexString(expected[i]), Integer.toHexString(Float.floatToRawIntBits(actual[i])),
          what + " [" + i + "] of input " + Float.intBitsToFloat(X[i]));
    }
  }
}
