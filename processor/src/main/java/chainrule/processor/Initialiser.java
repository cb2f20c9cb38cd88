package chainrule.processor;

import static chainrule.processor.Members.PARAMS;

import chainrule.Init;
import chainrule.internal.TorchInit;
import com.palantir.javapoet.MethodSpec;

/**
 * Writes the statement of {@code create} that draws a Linear's weight again with its {@link Init}, and the
 * comment giving its distribution: each initialiser described once, as {@code torch.nn.init} computes it
 * (kaiming with its default gain √2, xavier with gain 1, normal with mean 0 and std 1).
 */
final class Initialiser {
  private Initialiser() {}

  /** {@code init.xavierUniform(net.params, W1, 256, 784, 1.0);} with its comment, for {@code layer}'s weight at {@code offset}. */
  static void write(MethodSpec.Builder create, LayerModel layer, String offset) {
    int in = layer.in();
    int out = layer.out();
    String weight = layer.field() + ".weight";
    switch (layer.init()) {
      case NORMAL -> {
        create.addComment("$L = normal_($L): N(0, 1)", weight, weight);
        create.addStatement("$N.normal($N.$N, $N, $L, 0.0, 1.0)", Naming.INIT, Naming.NET, PARAMS, offset,
            (long) in * out);
      }
      case XAVIER_UNIFORM -> {
        create.addComment("$L = xavier_uniform_($L): U(-a, a), a = √(6 / ($L + $L))", weight, weight, in, out);
        create.addStatement("$N.xavierUniform($N.$N, $N, $L, $L, 1.0)", Naming.INIT, Naming.NET, PARAMS, offset, out,
            in);
      }
      case XAVIER_NORMAL -> {
        create.addComment("$L = xavier_normal_($L): N(0, σ²), σ = √(2 / ($L + $L))", weight, weight, in, out);
        create.addStatement("$N.xavierNormal($N.$N, $N, $L, $L, 1.0)", Naming.INIT, Naming.NET, PARAMS, offset, out,
            in);
      }
      case KAIMING_UNIFORM -> {
        create.addComment("$L = kaiming_uniform_($L): U(-b, b), b = √3·gain/√$L = √(6 / $L), gain √2", weight,
            weight, in, in);
        create.addStatement("$N.kaimingUniform($N.$N, $N, $L, $L, $T.RELU_GAIN)", Naming.INIT, Naming.NET, PARAMS,
            offset, out, in, TorchInit.class);
      }
      case KAIMING_NORMAL -> {
        create.addComment("$L = kaiming_normal_($L): N(0, σ²), σ = gain/√$L = √(2 / $L), gain √2", weight, weight,
            in, in);
        create.addStatement("$N.kaimingNormal($N.$N, $N, $L, $L, $T.RELU_GAIN)", Naming.INIT, Naming.NET, PARAMS,
            offset, out, in, TorchInit.class);
      }
      case DEFAULT -> throw new IllegalArgumentException(layer.field() + " has no initialiser to write");
    }
  }
}
