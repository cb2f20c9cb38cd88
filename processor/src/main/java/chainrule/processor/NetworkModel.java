package chainrule.processor;

import chainrule.Loss;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Network} class: what the writers need and nothing they would have to check again.
 * Layers chain (each one's {@code in} is the previous one's {@code out}), there is at least one layer with
 * parameters, the parameters fit in one Java array ({@link Layout}), and the generated class fits in the
 * class-file format's limits.
 *
 * @param packageName the model's package, {@code ""} for the default package
 * @param modelClass the model's name within its package, {@code Outer.Inner} for a nested class
 * @param memberNames simple names that hide types inside the generated subclass (the model's fields and member
 *     types, its package's types named like java.lang's); the writer qualifies any type it refers to by one
 * @param lintWarnings javac lint categories the generated class suppresses, since extending the model
 *     raises them (a deprecated or serializable model)
 * @param origin the model class, for {@code addOriginatingElement}; the writers read nothing else from it
 */
record NetworkModel(
    String packageName,
    String modelClass,
    Loss loss,
    List<LayerModel> layers,
    Set<String> memberNames,
    List<String> lintWarnings,
    TypeElement origin) {
  /**
   * The most layers a network may have. The passes are one method each and the JVM allows a method 64 KiB
   * of bytecode; a Linear and an activation take about 55 bytes of the backward pass, so about 2400 layers
   * fill it (measured with javac 17). 1000 keeps a wide margin for wide layers and long chains of Linears.
   */
  static final int MAX_LAYERS = 1000;
  /** The longest string constant a class file holds, in (modified) UTF-8 bytes: {@code ARCHITECTURE}'s limit. */
  static final int MAX_CONSTANT_BYTES = 65535;

  NetworkModel {
    layers = List.copyOf(layers);
    memberNames = Set.copyOf(memberNames);
    lintWarnings = List.copyOf(lintWarnings);
    if (layers.stream().allMatch(l -> l.type().parameters.isEmpty())) {
      throw new IllegalArgumentException(modelClass + " has no layer with parameters");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).in() != layers.get(i - 1).out()) {
        throw new IllegalArgumentException(modelClass + ": " + layers.get(i).field() + " does not chain");
      }
    }
    Layout.of(layers); // throws if the parameters do not fit in one array
    if (layers.size() > MAX_LAYERS) {
      throw new IllegalArgumentException(modelClass + " has " + layers.size() + " layers, more than " + MAX_LAYERS);
    }
    if (architectureBytes(layers, loss) > MAX_CONSTANT_BYTES) {
      throw new IllegalArgumentException(modelClass + ": its architecture does not fit in a string constant");
    }
  }

  /** {@code linear1 Linear(2 -> 2), sigmoid1 Sigmoid; loss BCE}: what a checkpoint must match. */
  String architecture() {
    return architecture(layers, loss);
  }

  static String architecture(List<LayerModel> layers, Loss loss) {
    return layers.stream()
        .map(layer -> layer.field() + " " + layer.describe())
        .collect(Collectors.joining(", ", "", "; loss " + loss));
  }

  /** The length of {@link #architecture} as a class-file constant: UTF-8 (a NUL would take 2 bytes; names have none). */
  static int architectureBytes(List<LayerModel> layers, Loss loss) {
    return architecture(layers, loss).getBytes(StandardCharsets.UTF_8).length;
  }

  /** The generated class's simple name. */
  String netName() {
    return Naming.netName(modelClass);
  }

  /** Where each parameter lives in the flat array. */
  Layout layout() {
    return Layout.of(layers);
  }

  /** Where each running statistic lives in the network's {@code running} array; empty without a batch norm. */
  Layout running() {
    return Layout.running(layers);
  }

  /** Whether some layer has running statistics, so the network declares {@code running} and checkpoints carry it. */
  boolean hasRunningStatistics() {
    return running().total() > 0;
  }

  int inputs() {
    return layers.get(0).in();
  }

  int outputs() {
    return layers.get(layers.size() - 1).out();
  }

  /**
   * Whether the network names classes, and so has {@code predict}: cross-entropy (the argmax of its logits), or
   * one Sigmoid output (its probability thresholded at 0.5).
   */
  boolean predicts() {
    return loss == Loss.CROSS_ENTROPY || sigmoidOutput();
  }

  /** Whether the last layer is a Sigmoid with one output: a single probability. */
  boolean sigmoidOutput() {
    return layers.get(layers.size() - 1).type() == LayerType.SIGMOID && outputs() == 1;
  }
}
