package chainrule.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where each parameter tensor of a network lives in its one flat {@code float[]} (and the gradients at the
 * same offsets of another): layer after layer in field order, each layer's tensors in PyTorch's order, so
 * the array is {@code torch.cat([p.flatten() for p in model.parameters()])}. Computed in {@code long}, so that
 * a network too large for one Java array is seen as such and not as an overflowed {@code int}.
 *
 * @param total the number of parameters, at most {@link #MAX_LENGTH}
 */
record Layout(List<Slot> slots, long total) {
  /**
   * The longest array every JVM allocates: {@code Integer.MAX_VALUE - 8}, as {@code ArrayList} and
   * {@code ArraysSupport} assume (some JVMs keep header words in the array).
   */
  static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

  /** One tensor: {@code linear2.weight} at {@code offset}, {@code count} floats. */
  record Slot(LayerModel layer, LayerType.Tensor tensor, long offset, long count) {}

  Layout {
    slots = List.copyOf(slots);
    if (total < 0 || total > MAX_LENGTH) {
      throw new IllegalArgumentException(total + " parameters do not fit in one array of at most " + MAX_LENGTH);
    }
  }

  /** The layout of {@code layers}' parameters; throws if they do not fit in one array. */
  static Layout of(List<LayerModel> layers) {
    return of(layers, type -> type.parameters);
  }

  /**
   * The layout of {@code layers}' running statistics (BatchNorm1d's running mean and variance) in their own
   * array, which checkpoints carry and no optimizer touches; empty if no layer has any.
   */
  static Layout running(List<LayerModel> layers) {
    return of(layers, type -> type.runningStatistics);
  }

  private static Layout of(List<LayerModel> layers, Function<LayerType, List<LayerType.Tensor>> tensors) {
    List<Slot> slots = new ArrayList<>();
    long offset = 0;
    for (LayerModel layer : layers) {
      for (LayerType.Tensor tensor : tensors.apply(layer.type())) {
        long count = layer.count(tensor);
        slots.add(new Slot(layer, tensor, offset, count));
        offset += count; // at most MAX_LENGTH + Integer.MAX_VALUE², far below Long.MAX_VALUE
        if (offset > MAX_LENGTH) {
          throw new IllegalArgumentException(layer.field() + " takes the parameters past " + MAX_LENGTH);
        }
      }
    }
    return new Layout(slots, offset);
  }

  /** How many parameters {@code layer} has, in long. */
  static long parameterCount(LayerModel layer) {
    return layer.type().parameters.stream().mapToLong(layer::count).sum();
  }

  /** The slots of {@code layer}, in PyTorch's order. */
  List<Slot> of(LayerModel layer) {
    return slots.stream().filter(s -> s.layer().equals(layer)).toList();
  }
}
