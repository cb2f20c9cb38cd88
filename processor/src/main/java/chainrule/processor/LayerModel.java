package chainrule.processor;

import chainrule.Init;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One validated {@code @Layer} field. {@code in} and {@code out} are the layer's feature counts: given
 * for a Linear, inherited from the layer before for an activation (which keeps the width).
 *
 * @param arguments the values of the type's {@link LayerType#arguments()}, in that order
 * @param init how {@code create} initialises its weight after PyTorch's default; {@code DEFAULT} for all but a Linear
 */
record LayerModel(String field, LayerType type, int in, int out, List<Double> arguments, Init init) {
  LayerModel {
    if (field == null || field.isEmpty() || type == null || init == null) {
      throw new IllegalArgumentException("field, type and init are required");
    }
    if (init != Init.DEFAULT && !type.elements.contains(LayerElement.INIT)) {
      throw new IllegalArgumentException(field + ": " + type.simpleName + " takes no initialiser");
    }
    if (in <= 0 || out <= 0 || (!type.isAffine() && in != out)) {
      throw new IllegalArgumentException(field + ": bad sizes " + in + " -> " + out);
    }
    arguments = List.copyOf(arguments);
    if (arguments.size() != type.arguments().size()) {
      throw new IllegalArgumentException(field + ": " + type.simpleName + " takes " + type.arguments().size()
          + " arguments, got " + arguments.size());
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (!type.arguments().get(i).accepts(arguments.get(i))) {
        throw new IllegalArgumentException(field + ": " + type.arguments().get(i).name + " = " + arguments.get(i));
      }
    }
  }

  LayerModel(String field, LayerType type, int in, int out, List<Double> arguments) {
    this(field, type, in, out, arguments, Init.DEFAULT);
  }

  LayerModel(String field, LayerType type, int in, int out) {
    this(field, type, in, out, List.of());
  }

  /** How many floats its {@code tensor} holds: the product of its dimensions, in long. */
  long count(LayerType.Tensor tensor) {
    long count = 1;
    for (LayerElement dimension : tensor.dimensions()) {
      count *= size(dimension);
    }
    return count;
  }

  /** {@code 10 × 2}: its {@code tensor}'s dimensions, in the order {@code torch.Size} lists them. */
  String shape(LayerType.Tensor tensor) {
    return Stream.of(tensor.dimensions()).map(d -> String.valueOf(size(d))).collect(Collectors.joining(" × "));
  }

  private int size(LayerElement dimension) {
    return dimension == LayerElement.IN ? in : out;
  }

  /**
   * {@code Linear(2 -> 10)}, {@code Sigmoid}, {@code LeakyReLU(negativeSlope = 0.01)}, {@code BatchNorm1d(32)}: the
   * type and what it was given (for a batch norm, the features it inherited, as PyTorch's constructor takes them).
   */
  String describe() {
    if (type.role == LayerType.Role.AFFINE) {
      return type.simpleName + "(" + in + " -> " + out + ")";
    }
    if (type.role == LayerType.Role.NORMALIZATION) {
      return type.simpleName + "(" + out + ")";
    }
    if (arguments.isEmpty()) {
      return type.simpleName;
    }
    return IntStream.range(0, arguments.size())
        .mapToObj(i -> type.arguments().get(i).name + " = " + arguments.get(i))
        .collect(Collectors.joining(", ", type.simpleName + "(", ")"));
  }
}
