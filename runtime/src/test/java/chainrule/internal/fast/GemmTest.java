package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chainrule.internal.Kernels;
import chainrule.internal.Workers;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every path of {@link Gemm} against {@link GemmReference}, bit for bit: the paths keep the reference's
 * order of summation (index order, one term at a time; fused multiply-adds from {@link Fast#SMALL} on), so
 * exact equality is the expected result, for any blocking, vector width or thread count. Shapes are chosen
 * to cross every edge: rows not a multiple of the micro-kernel's 6, columns not a multiple of a panel, k
 * longer than a block or of one term, A packed or read in place, nonzero parameter offsets.
 */
class GemmTest {
  /** {rows, ins, outs}: from the plain loops' sizes up to several panels and k blocks. */
  private static final int[][] SHAPES = {
      {4, 2, 2}, // xor: the plain loops
      {37, 300, 5}, // few outputs: a transposed product (dot products without vectors)
      {64, 64, 256}, // whole panels, whole 6-row tiles but one remainder of 4 rows
      {101, 259, 130}, // k over one block, 2 panels + 2 columns, 5 remainder rows
      {13, 70, 700}, // many panels, few rows (row split for threads)
      {256, 17, 1}, // a single output: the plain loops
      {300, 120, 4}, // four outputs, rows over one panel: the transposed product
      {5, 600, 40}, // k over two blocks, no whole panel
      {100, 784, 26}, // mnist-nn's first layer, narrower: dW 12 panels + 16 columns, forward one narrow panel
      {600, 40, 520}, // forward with A packed (512 columns or more), in two blocks of rows
      {20, 30, 1030}, // forward split in halves of 512 columns or more, each packing A
      {40, 10, 300}, // dx of 10 columns: the narrow transposed product, gated too
      {2100, 12, 20}, // dx narrow over more rows than one transposed block (2048)
      {20, 520, 300}, // dW: a last panel of 8 columns (kernel6x1, A packed) over two blocks of k
      {9, 257, 20}, // forward k = 257: a second block of k of one term, every row then one at a time
      {50, 1030, 1}, // one output, as large's last layer: dx of one term (A packed, a last panel of 6 columns)
  };
  private static final int W = 3; // nonzero offsets catch kernels that ignore them
  /** The blocked, vector and threaded paths, called directly, always fuse. */
  private static final boolean FUSED = true;

  private final Random random = new Random(4);

  @Test
  void theVectorPathIsHereToBeTestedUnlessTheScalarPathWasChosen() {
    // runtime/pom.xml runs this class twice: with the Vector API, and with -Dchainrule.vector=false
    boolean scalarChosen = "false".equals(System.getProperty("chainrule.vector"));
    assertEquals(!scalarChosen, Fast.VECTOR, "tests run with --add-modules jdk.incubator.vector (see runtime/pom.xml)");
  }

  @Test
  void everyProductEqualsThePlainLoopsBitForBitOnAnyThreadCount() {
    for (int[] shape : SHAPES) {
      for (int threads : new int[] {1, 2, 3}) {
        check(shape[0], shape[1], shape[2], Workers.of(threads));
      }
    }
  }

  @Test
  void everySplitBetweenThreadsEqualsThePlainLoopsWithAndWithoutVectors() {
    // products this small run on one thread in use; here each is forced into 2, 3 and 4 parts
    for (boolean vector : new boolean[] {true, false}) {
      Gemm gemm = new Gemm(vector);
      for (int[] shape : SHAPES) {
        int rows = shape[0];
        int ins = shape[1];
        int outs = shape[2];
        Problem p = new Problem(rows, ins, outs);
        Expected expected = new Expected(p, rows, ins, outs);
        for (int parts = 2; parts <= 4; parts++) {
          Workers workers = Workers.of(parts);
          String name = shapeName(shape) + " in " + parts + " parts, vector " + vector;
          float[] out = randoms(rows * outs);
          inParts(gemm, workers, parts, new Product().linear(out, p.x, p.params, W, p.b, rows, ins, outs, false));
          assertSame(expected.out, out, "forward " + name);
          float[] grads = randoms(p.params.length);
          inParts(gemm, workers, parts, new Product().weightGradient(grads, W, p.dout, p.x, rows, ins, outs));
          assertSame(expected.dw, Arrays.copyOfRange(grads, W, W + outs * ins), "dW " + name);
          float[] dx = randoms(rows * ins);
          inParts(gemm, workers, parts, new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, null));
          assertSame(expected.dx, dx, "dx " + name);
          dx = randoms(rows * ins);
          inParts(gemm, workers, parts, new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, p.x));
          assertSame(expected.gatedDx, dx, "dx gated " + name);
        }
      }
    }
  }

  private static void inParts(Gemm gemm, Workers workers, int parts, Product product) {
    Gemm.Job job = new Gemm.Job();
    job.gemm = gemm;
    job.product = product;
    workers.run(job, parts);
  }

  @Test
  void theScalarPathsAloneEqualThePlainLoops() {
    // what a JVM without the Vector API runs: ScalarGemm for wide products, dot for narrow ones, and all of it
    Gemm scalar = new Gemm(false);
    for (int[] shape : SHAPES) {
      int rows = shape[0];
      int ins = shape[1];
      int outs = shape[2];
      String name = shapeName(shape);
      Problem p = new Problem(rows, ins, outs);
      Expected expected = new Expected(p, rows, ins, outs);
      ScalarGemm.Buffers buffers = new ScalarGemm.Buffers();

      float[] out = randoms(rows * outs);
      ScalarGemm.product(new Product().linear(out, p.x, p.params, W, p.b, rows, ins, outs, false), 0, rows, 0, outs,
          buffers);
      assertSame(expected.out, out, "ScalarGemm forward " + name);
      float[] activated = expected.out.clone();
      Kernels.reluForward(activated, activated, rows * outs);
      out = randoms(rows * outs);
      ScalarGemm.product(new Product().linear(out, p.x, p.params, W, p.b, rows, ins, outs, true), 0, rows, 0, outs,
          buffers);
      assertSame(activated, out, "ScalarGemm forward with ReLU " + name);
      out = randoms(rows * outs);
      Gemm.dot(new Product().linear(out, p.x, p.params, W, p.b, rows, ins, outs, false), 0, rows, 0, outs);
      assertSame(expected.out, out, "dot forward " + name);
      float[] dx = randoms(rows * ins);
      ScalarGemm.product(new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, null), 0, rows, 0, ins,
          buffers);
      assertSame(expected.dx, dx, "ScalarGemm dx " + name);
      dx = randoms(rows * ins);
      Product gated = new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, p.x);
      ScalarGemm.product(gated, 0, rows, 0, ins, buffers);
      assertSame(expected.gatedDx, dx, "ScalarGemm dx gated " + name);
      dx = randoms(rows * ins);
      Gemm.dot(new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, p.x), 0, rows, 0, ins);
      assertSame(expected.gatedDx, dx, "dot dx gated " + name);
      float[] grads = randoms(outs * ins);
      ScalarGemm.product(new Product().weightGradient(grads, 0, p.dout, p.x, rows, ins, outs), 0, outs, 0, ins,
          buffers);
      assertSame(expected.dw, grads, "ScalarGemm dW " + name);

      for (int threads : new int[] {1, 2}) {
        Workers workers = Workers.of(threads);
        out = randoms(rows * outs);
        scalar.linear(out, p.x, p.params, W, p.b, rows, ins, outs, false, workers);
        assertSame(expected.out, out, "scalar forward " + name + " on " + threads + " threads");
        grads = randoms(p.params.length);
        scalar.weightGradient(grads, W, p.dout, p.x, rows, ins, outs, workers);
        assertSame(expected.dw, Arrays.copyOfRange(grads, W, W + outs * ins), "scalar dW " + name);
        dx = randoms(rows * ins);
        scalar.inputGradient(dx, p.dout, p.params, W, rows, ins, outs, null, workers);
        assertSame(expected.dx, dx, "scalar dx " + name + " on " + threads + " threads");
        dx = randoms(rows * ins);
        scalar.inputGradient(dx, p.dout, p.params, W, rows, ins, outs, p.x, workers);
        assertSame(expected.gatedDx, dx, "scalar dx gated " + name + " on " + threads + " threads");
      }
    }
  }

  @Test
  void theVectorPathAloneEqualsThePlainLoops() {
    int rows = 20;
    int ins = 300;
    int outs = 2 * VectorGemm.NR;
    Problem p = new Problem(rows, ins, outs);
    Expected expected = new Expected(p, rows, ins, outs);
    float[] out = new float[rows * outs];
    VectorGemm.product(new Product().linear(out, p.x, p.params, W, p.b, rows, ins, outs, false), 0, rows, 0, outs,
        new Gemm.Local().panel);
    assertSame(expected.out, out, "vector forward");
    float[] dx = randoms(rows * ins);
    VectorGemm.product(new Product().inputGradient(dx, p.dout, p.params, W, rows, ins, outs, p.x), 0, rows, 0, ins,
        new Gemm.Local().panel);
    assertSame(expected.gatedDx, dx, "vector dx gated");
  }

  @Test
  void aGatedInputGradientIsLinearBackwardThenReluBackwardOnEveryPath() {
    // Kernels.linearReluBackward against the two kernels it fuses, on every shape (plain loops, dot products,
    // the narrow transposed product, tiles, edge tiles, A packed, split between threads)
    for (int[] shape : SHAPES) {
      for (int threads : new int[] {1, 2}) {
        int rows = shape[0];
        int ins = shape[1];
        int outs = shape[2];
        Problem p = new Problem(rows, ins, outs);
        Workers workers = Workers.of(threads);
        float[] expectedGrads = randoms(p.params.length);
        float[] grads = expectedGrads.clone();
        float[] da = randoms(rows * ins);
        float[] expected = randoms(rows * ins);
        Kernels.linearBackward(da, expectedGrads, p.dout, p.x, p.params, W, p.b, rows, ins, outs, workers);
        Kernels.reluBackward(expected, da, p.x, rows * ins);
        float[] dl = randoms(rows * ins);
        Kernels.linearReluBackward(dl, grads, p.dout, p.x, p.params, W, p.b, rows, ins, outs, workers);
        String name = shapeName(shape) + " on " + threads + " threads";
        assertSame(expectedGrads, grads, "dW, db " + name);
        assertSame(expected, dl, "dl " + name);
      }
    }
    Problem p = new Problem(4, 3, 3); // the product reads a and dout while it writes dl: they must differ
    assertThrows(IllegalArgumentException.class, () -> Kernels.linearReluBackward(p.x, new float[p.params.length],
        p.dout, p.x, p.params, W, p.b, 4, 3, 3, Workers.of(1)));
  }

  @Test
  void aProductLeavesNoArrayBehind() {
    // the Product a thread reuses must not keep a network's buffers alive between steps
    Problem p = new Problem(64, 64, 256);
    Product product = new Product().linear(new float[64 * 256], p.x, p.params, W, p.b, 64, 64, 256, true);
    new Gemm(true).run(product, Workers.of(2));
    assertNull(product.a);
    assertNull(product.b);
    assertNull(product.c);
    assertNull(product.bias);
  }

  @Test
  void theScalarPathsBranchFreeSelectIsGreaterThanZeroOnEveryFloat() {
    // ScalarGemm's ReLU and gate keep a float where positive(bits) is all ones: exactly where it is > 0
    int bits = Integer.MIN_VALUE;
    do {
      int expected = Float.intBitsToFloat(bits) > 0f ? -1 : 0;
      if (ScalarGemm.positive(bits) != expected) {
        assertEquals(expected, ScalarGemm.positive(bits), "bits 0x" + Integer.toHexString(bits));
      }
    } while (bits++ != Integer.MAX_VALUE);
  }

  @Test
  void reluIsAppliedAsTheScalarKernelDoesIncludingNegativeZero() {
    // sums of exactly -0.0 and of negatives must come out as +0.0, as reluForward's (l > 0 ? l : 0)
    reluAsTheScalarKernel(7, 40, 2 * VectorGemm.NR + 3); // tiles, and a narrow panel
    reluAsTheScalarKernel(20, 200, 10); // few columns: VectorGemm.narrow
  }

  private void reluAsTheScalarKernel(int rows, int ins, int outs) {
    Problem p = new Problem(rows, ins, outs);
    for (int i = 0; i < ins; i++) {
      p.x[i] = 0f; // row 0 sums to 0 (its bias is -0.0 below for column 0)
    }
    p.params[p.b] = -0f;
    float[] l = new float[rows * outs];
    GemmReference.linear(l, p.x, p.params, W, p.b, rows, ins, outs, fused(rows, ins, outs));
    Kernels.reluForward(l, l, rows * outs);
    for (int threads : new int[] {1, 2}) {
      float[] a = new float[rows * outs];
      Kernels.linearReluForward(a, p.x, p.params, W, p.b, rows, ins, outs, Workers.of(threads));
      assertSame(l, a, "relu on " + threads + " threads");
      for (boolean vector : new boolean[] {true, false}) {
        a = new float[rows * outs];
        new Gemm(vector).linear(a, p.x, p.params, W, p.b, rows, ins, outs, true, Workers.of(threads));
        assertSame(l, a, "relu on " + threads + " threads, vector " + vector);
      }
    }
    assertEquals(0, Float.floatToRawIntBits(l[0]), "+0.0");
  }

  @Test
  void biasGradientSumsInRowOrder() {
    int rows = 33;
    int outs = 70;
    float[] dout = randoms(rows * outs);
    float[] grads = randoms(outs + 5);
    float[] expected = grads.clone();
    GemmReference.biasGradient(expected, 5, dout, rows, outs);
    Gemm.scalarBiasGradient(grads, 5, dout, rows, outs);
    assertSame(expected, grads, "db");
  }

  private void check(int rows, int ins, int outs, Workers workers) {
    String name = rows + "x" + ins + "->" + outs + " on " + workers.threads() + " threads";
    Problem p = new Problem(rows, ins, outs);

    boolean fused = fused(rows, ins, outs);
    float[] expected = new float[rows * outs];
    GemmReference.linear(expected, p.x, p.params, W, p.b, rows, ins, outs, fused);
    float[] out = randoms(rows * outs); // garbage: every element must be written
    Kernels.linearForward(out, p.x, p.params, W, p.b, rows, ins, outs, workers);
    assertSame(expected, out, "forward " + name);

    float[] expectedGrads = randoms(p.params.length);
    float[] grads = expectedGrads.clone();
    GemmReference.weightGradient(expectedGrads, W, p.dout, p.x, rows, ins, outs, fused);
    GemmReference.biasGradient(expectedGrads, p.b, p.dout, rows, outs);
    float[] expectedDx = new float[rows * ins];
    GemmReference.inputGradient(expectedDx, p.dout, p.params, W, rows, ins, outs, fused);
    float[] dx = randoms(rows * ins);
    Kernels.linearBackward(dx, grads, p.dout, p.x, p.params, W, p.b, rows, ins, outs, workers);
    assertSame(expectedGrads, grads, "dW, db " + name);
    assertSame(expectedDx, dx, "dx " + name);
  }

  /** {@link GemmReference}'s fused forward, dW and dx of a {@link Problem}. */
  private static final class Expected {
    final float[] out;
    final float[] dw;
    final float[] dx;
    /** dx where x > 0, else 0: ReLU's backward if x is its output. */
    final float[] gatedDx;

    Expected(Problem p, int rows, int ins, int outs) {
      out = new float[rows * outs];
      GemmReference.linear(out, p.x, p.params, W, p.b, rows, ins, outs, FUSED);
      dw = new float[outs * ins];
      GemmReference.weightGradient(dw, 0, p.dout, p.x, rows, ins, outs, FUSED);
      dx = new float[rows * ins];
      GemmReference.inputGradient(dx, p.dout, p.params, W, rows, ins, outs, FUSED);
      gatedDx = new float[rows * ins];
      for (int i = 0; i < gatedDx.length; i++) {
        gatedDx[i] = p.x[i] > 0f ? dx[i] : 0f;
      }
    }
  }

  /** A Linear(ins, outs) at offset W of params, a batch x and an upstream gradient dout. */
  private final class Problem {
    final float[] x;
    final float[] params;
    final float[] dout;
    final int b;

    Problem(int rows, int ins, int outs) {
      x = randoms(rows * ins);
      for (int i = 0; i < x.length; i += 7) { // as ReLU's outputs have: zeros, which gate a gradient to 0
        x[i] = i % 2 == 0 ? 0f : -0f;
      }
      b = W + outs * ins;
      params = randoms(b + outs + 2);
      dout = randoms(rows * outs);
    }
  }

  private float[] randoms(int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }

  /** How {@link Kernels} adds the terms of a product of this size. */
  private static boolean fused(int rows, int ins, int outs) {
    return !Fast.small(rows, ins, outs);
  }

  private static String shapeName(int[] shape) {
    return shape[0] + "x" + shape[1] + "->" + shape[2];
  }

  /** Bitwise equality, with the count of differing elements and the largest difference on failure. */
  static void assertSame(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    int differing = 0;
    int first = -1;
    double maxdiff = 0;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
        differing++;
        first = first < 0 ? i : first;
        maxdiff = Math.max(maxdiff, Math.abs((double) expected[i] - actual[i]));
      }
    }
    if (differing > 0) {
      fail(what + ": " + differing + " of " + expected.length + " elements differ, maxdiff " + maxdiff + "; first at "
          + first + ": expected " + expected[first] + ", was " + actual[first]);
    }
  }
}
