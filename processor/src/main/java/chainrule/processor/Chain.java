package chainrule.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The unrolled chain of a network: one {@link Node} a layer, each reading one value and writing another,
 * named as on the slide (a batch norm's output {@code n<k>}). A Linear followed by an activation is one step of the generated code: the
 * Linear's output goes straight into the activation, and only the activation's output is stored, since
 * every activation's derivative is written in terms of its output.
 */
final class Chain {
  /**
   * One layer as the generated code computes it.
   *
   * @param k for a Linear, its 1-based index among the Linears ({@code w<k>}, {@code W<k>}); for an
   *     activation, the index of the last Linear before it, 0 if none
   * @param input the value it reads, {@code X} for the first layer
   * @param output the value it writes
   * @param fusedIntoNext whether its output goes straight into the next layer (a Linear before an
   *     activation) and is not stored
   */
  record Node(LayerModel layer, int k, String input, String output, boolean fusedIntoNext) {
    boolean isLinear() {
      return layer.type().role == LayerType.Role.AFFINE;
    }

    boolean isBatchNorm() {
      return layer.type().role == LayerType.Role.NORMALIZATION;
    }
  }

  private Chain() {}

  static List<Node> nodes(NetworkModel model) {
    List<Node> nodes = new ArrayList<>();
    List<LayerModel> layers = model.layers();
    String value = Naming.INPUT;
    int k = 0; // Linears so far
    int j = 0; // activations (and dropouts) since the last Linear
    int m = 0; // batch norms since the last Linear
    for (int i = 0; i < layers.size(); i++) {
      LayerModel layer = layers.get(i);
      String output;
      boolean fused = false;
      if (layer.type().isAffine()) {
        k++;
        j = 0;
        m = 0;
        output = Naming.linearOutput(k);
        fused = i + 1 < layers.size() && layers.get(i + 1).type().isActivation();
      } else if (layer.type().role == LayerType.Role.NORMALIZATION) {
        m++;
        output = Naming.normalized(k, m);
      } else {
        j++;
        output = Naming.activationOutput(k, j);
      }
      nodes.add(new Node(layer, k, value, output, fused));
      value = output;
    }
    return List.copyOf(nodes);
  }
}
