package chainrule.processor;

import chainrule.Loss;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @Network} class: what the writers need and nothing they would have to check again.
 * Layers chain (each one's {@code in} is the previous one's {@code out}) and there is at least one Linear.
 *
 * @param packageName the model's package, {@code ""} for the default package
 * @param modelClass the model's name within its package, {@code Outer.Inner} for a nested class
 * @param netName the generated class's simple name
 * @param memberNames simple names the model's fields and member types take inside the generated subclass;
 *     the writer qualifies any type it refers to by one of them
 * @param lintWarnings javac lint categories the generated class suppresses, since extending the model
 *     raises them (a deprecated or serializable model)
 * @param origin the model class, for {@code addOriginatingElement}; the writers read nothing else from it
 */
record NetworkModel(
    String packageName,
    String modelClass,
    String netName,
    Loss loss,
    List<LayerModel> layers,
    Set<String> memberNames,
    List<String> lintWarnings,
    TypeElement origin) {
  NetworkModel {
    layers = List.copyOf(layers);
    memberNames = Set.copyOf(memberNames);
    lintWarnings = List.copyOf(lintWarnings);
    if (layers.stream().noneMatch(LayerModel::isLinear)) {
      throw new IllegalArgumentException(modelClass + " has no Linear layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).in() != layers.get(i - 1).out()) {
        throw new IllegalArgumentException(modelClass + ": " + layers.get(i).field() + " does not chain");
      }
    }
  }

  int inputs() {
    return layers.get(0).in();
  }

  int outputs() {
    return layers.get(layers.size() - 1).out();
  }
}
