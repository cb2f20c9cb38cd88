package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.TorchGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernels against traces recorded independently of them ({@code traces/*.txt}, written by the examples'
 * {@code reference/*.py} scripts with PyTorch 1.13.1 on the same kind of machine; see the NOTICE there):
 * initialisers, dropout masks, BatchNorm1d and crafted cross-entropy cases, all bit for bit.
 */
class IndependentTracesTest {

  @Test
  void initialisers() throws Exception {
    KeyTrace t = KeyTrace.load("initialisers.txt");
    int checked = 0;
    for (String[] shapeLine : allShapes(t)) {
      String name = shapeLine[0].substring(0, shapeLine[0].length() - ".shape".length());
      if (name.startsWith("cache")) {
        continue;
      }
      int outs = Integer.parseInt(shapeLine[1]);
      int ins = Integer.parseInt(shapeLine[2]);
      TorchGenerator g = new TorchGenerator(777);
      TorchInit init = new TorchInit(g);
      float[] w = new float[outs * ins];
      if (name.startsWith("xavier_uniform")) {
        init.xavierUniform(w, 0, outs, ins, 1.0);
      } else if (name.startsWith("normal_std")) {
        double std = Double.parseDouble(name.substring("normal_std".length(), name.lastIndexOf('_')));
        init.normal(w, 0, w.length, 0, std);
      } else if (name.startsWith("kaiming_uniform_relu")) {
        init.kaimingUniform(w, 0, outs, ins, TorchInit.RELU_GAIN);
      } else if (name.startsWith("kaiming_normal_relu")) {
        init.kaimingNormal(w, 0, outs, ins, TorchInit.RELU_GAIN);
      } else {
        throw new AssertionError("unknown initialiser case " + name);
      }
      if (t.has(name)) {
        assertNull(Reference.bitDifference(t.floats(name), w), name);
      } else {
        assertNull(Reference.bitDifference(t.floats(name + ".head"), Arrays.copyOf(w, 64)), name + " head");
        assertNull(Reference.bitDifference(t.floats(name + ".tail"),
            Arrays.copyOfRange(w, w.length - 64, w.length)), name + " tail");
        assertEquals(t.words(name + ".sha256").get(0), sha256(w), name + " sha256");
      }
      assertEquals(Long.parseLong(t.words(name + ".next").get(0)), nextInt64(g), name + ": draws taken");
      checked++;
    }
    assertEquals(13, checked);

    // the scalar path's cached sine: kept across normal_ calls, untouched by the 16-element path
    TorchGenerator g = new TorchGenerator(777);
    TorchInit init = new TorchInit(g);
    float[] first = new float[15];
    float[] second = new float[15];
    init.normal(first, 0, 15, 0, 1);
    init.normal(second, 0, 15, 0, 1);
    assertNull(Reference.bitDifference(t.floats("cache.first"), first), "cache.first");
    assertNull(Reference.bitDifference(t.floats("cache.second"), second), "cache.second");
    init = new TorchInit(new TorchGenerator(777));
    float[] sixteen = new float[16];
    float[] after = new float[15];
    init.normal(new float[15], 0, 15, 0, 1);
    init.normal(sixteen, 0, 16, 0, 1);
    init.normal(after, 0, 15, 0, 1);
    assertNull(Reference.bitDifference(t.floats("cache.after_avx2"), after), "cache.after_avx2");
  }

  @Test
  void dropoutMasks() {
    KeyTrace t = KeyTrace.load("dropout.txt");
    float[] ones = new float[40];
    Arrays.fill(ones, 1f);
    for (double p : new double[] {0.5, 0.2}) {
      TorchGenerator g = new TorchGenerator(777);
      for (int call = 0; call < 3; call++) {
        float[] out = new float[40];
        Kernels.dropoutForward(out, new float[40], ones, 40, p, g);
        assertNull(Reference.bitDifference(t.floats("ones.p" + p + ".call" + call), out), "p " + p + " call " + call);
      }
    }
    float[] x = t.floats("scaled.input");
    float[] out = new float[x.length];
    Kernels.dropoutForward(out, new float[x.length], x, x.length, 0.2, new TorchGenerator(777));
    assertNull(Reference.bitDifference(t.floats("scaled.p0.2.out"), out), "scaled");

    // Linear(2, 4), a shuffled loader's two int64 seeds, then two dropout calls, all on one generator
    TorchGenerator g = new TorchGenerator(777);
    g.initLinear(new float[12], 0, 2, 4);
    for (int i = 0; i < 4; i++) {
      g.nextInt();
    }
    float[] first = new float[40];
    float[] second = new float[40];
    Kernels.dropoutForward(first, new float[40], ones, 40, 0.5, g);
    Kernels.dropoutForward(second, new float[40], ones, 40, 0.5, g);
    assertNull(Reference.bitDifference(t.floats("mixed.first"), first), "mixed.first");
    assertNull(Reference.bitDifference(t.floats("mixed.second"), second), "mixed.second");

    long fresh = Long.parseLong(t.words("fresh.next").get(0));
    for (double p : new double[] {0, 1}) {
      TorchGenerator quiet = new TorchGenerator(777);
      Kernels.dropoutForward(new float[40], new float[40], ones, 40, p, quiet);
      assertEquals(fresh, nextInt64(quiet), "p = " + p + " draws nothing");
    }
  }

  @Test
  void batchNorm1d() {
    KeyTrace t = KeyTrace.load("batchnorm1d.txt");
    int rows = t.ints("shape")[0];
    int features = t.ints("shape")[1];
    float[] x = t.floats("x");
    float[] params = new float[2 * features];
    Arrays.fill(params, 0, features, 1f); // a fresh module: γ = 1, β = 0
    float[] running = new float[2 * features];
    Arrays.fill(running, features, 2 * features, 1f); // running mean 0, running var 1
    for (int call = 1; call <= 2; call++) {
      float[] y = new float[rows * features];
      float[] mean = new float[features];
      float[] invStd = new float[features];
      Kernels.batchNormForward(y, mean, invStd, x, params, 0, running, 0, rows, features);
      String at = "train" + call;
      assertNull(Reference.bitDifference(t.floats(at + ".out"), y), at + ".out");
      assertNull(Reference.bitDifference(t.floats(at + ".save_mean"), mean), at + ".save_mean");
      assertNull(Reference.bitDifference(t.floats(at + ".save_invstd"), invStd), at + ".save_invstd");
      assertNull(Reference.bitDifference(t.floats(at + ".running_mean"),
          Arrays.copyOfRange(running, 0, features)), at + ".running_mean");
      assertNull(Reference.bitDifference(t.floats(at + ".running_var"),
          Arrays.copyOfRange(running, features, 2 * features)), at + ".running_var");
    }
    float[] ye = new float[rows * features];
    Kernels.batchNormEvalForward(ye, t.floats("x_eval"), params, 0, running, 0, rows, features);
    assertNull(Reference.bitDifference(t.floats("eval.out"), ye), "eval.out");

    for (String c : new String[] {"grad_default", "grad_affine"}) {
      float[] p = new float[2 * features];
      if (c.equals("grad_affine")) {
        System.arraycopy(t.floats("gamma"), 0, p, 0, features);
        System.arraycopy(t.floats("beta"), 0, p, features, features);
      } else {
        Arrays.fill(p, 0, features, 1f);
      }
      float[] y = new float[rows * features];
      float[] mean = new float[features];
      float[] invStd = new float[features];
      Kernels.batchNormForward(y, mean, invStd, x, p, 0, new float[2 * features], 0, rows, features);
      float[] grads = new float[2 * features];
      float[] dx = new float[rows * features];
      Kernels.batchNormBackward(dx, grads, t.floats("upstream"), x, mean, invStd, p, 0, rows, features);
      assertNull(Reference.bitDifference(t.floats(c + ".out"), y), c + ".out");
      assertNull(Reference.bitDifference(t.floats(c + ".x"), dx), c + ".x");
      assertNull(Reference.bitDifference(t.floats(c + ".weight"), Arrays.copyOf(grads, features)), c + ".weight");
      assertNull(Reference.bitDifference(t.floats(c + ".bias"),
          Arrays.copyOfRange(grads, features, 2 * features)), c + ".bias");
    }
    String[] error = t.records("error").stream().filter(r -> r[1].equals("one_row_train")).findFirst().orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kernels.checkBatchNormRows(1, 5));
    String torchMessage = String.join(" ", Arrays.asList(error).subList(3, error.length));
    assertTrue(e.getMessage().startsWith(torchMessage.replace("torch.Size([1, 5])", "[1, 5]")), e.getMessage());
  }

  @Test
  void craftedCrossEntropy() {
    KeyTrace t = KeyTrace.load("cross_entropy_crafted.txt");
    int checked = 0;
    for (String[] shape : allShapes(t)) {
      String c = shape[0].substring(0, shape[0].length() - ".shape".length());
      int rows = Integer.parseInt(shape[1]);
      int classes = Integer.parseInt(shape[2]);
      float[] logits = t.floats(c + ".logits");
      int[] labels = t.ints(c + ".targets");
      float[] logp = new float[rows * classes];
      float loss = Kernels.crossEntropyForward(logp, logits, labels, rows, classes);
      float[] grad = new float[rows * classes];
      Kernels.crossEntropyBackward(grad, logp, labels, rows, classes);
      float[] rowLosses = new float[rows];
      for (int r = 0; r < rows; r++) {
        rowLosses[r] = -logp[r * classes + labels[r]]; // reduction="none": -logp[label]·1
      }
      assertNull(Reference.bitDifference(new float[] {Float.parseFloat(t.words(c + ".loss").get(0))},
          new float[] {loss}), c + ".loss");
      assertNull(Reference.bitDifference(t.floats(c + ".row_losses"), rowLosses), c + ".row_losses");
      assertNull(Reference.bitDifference(t.floats(c + ".grad"), grad), c + ".grad");
      checked++;
    }
    assertEquals(9, checked);
    for (String[] error : t.records("error")) {
      String message = String.join(" ", Arrays.asList(error).subList(3, error.length));
      int target = Integer.parseInt(message.split(" ")[1]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Kernels.checkLabels(new int[] {target}, 1, 3));
      assertTrue(e.getMessage().startsWith(message), e.getMessage() + " should start with " + message);
    }
  }

  private static List<String[]> allShapes(KeyTrace t) {
    return t.recordsMatching(".shape");
  }

  /** torch.empty((), dtype=torch.int64).random_(): one random64 modulo 2^63. */
  private static long nextInt64(TorchGenerator g) {
    long first = Integer.toUnsignedLong(g.nextInt());
    long second = Integer.toUnsignedLong(g.nextInt());
    return ((first << 32) | second) & Long.MAX_VALUE;
  }

  private static String sha256(float[] values) throws Exception {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
  }
}
