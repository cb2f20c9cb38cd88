package chainrule.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The unrolled chain of a network: its layers grouped into the steps the generated code takes, each with
 * the buffers it reads and writes. A Linear followed by an activation is one fused step; it stores only
 * the activation's output, since every activation's derivative can be written in terms of its output.
 */
final class Chain {
  /**
   * One forward step.
   *
   * @param linear the step's Linear layer, or null for an activation on its own
   * @param activation the step's activation, or null for a Linear on its own
   * @param k the 1-based index of the Linear (for names), or of the last Linear before a lone activation
   * @param input the buffer read, {@code X} for the first step
   * @param output the buffer written
   * @param ins features per row of {@code input}
   * @param outs features per row of {@code output}
   */
  record Step(LayerModel linear, LayerModel activation, int k, String input, String output, int ins, int outs) {
    boolean fused() {
      return linear != null && activation != null;
    }

    /** The Linear's own output: {@code l<k>}; stored only if no activation follows. */
    String linearOutput() {
      return Naming.linearOutput(k);
    }
  }

  private Chain() {}

  static List<Step> steps(NetworkModel model) {
    List<Step> steps = new ArrayList<>();
    List<LayerModel> layers = model.layers();
    String value = Naming.INPUT;
    int k = 0;
    for (int i = 0; i < layers.size(); i++) {
      LayerModel layer = layers.get(i);
      if (layer.isLinear()) {
        k++;
        LayerModel next = i + 1 < layers.size() ? layers.get(i + 1) : null;
        if (next != null && next.kind().isActivation()) {
          String output = Naming.activationOutput(Naming.linearOutput(k));
          steps.add(new Step(layer, next, k, value, output, layer.in(), layer.out()));
          value = output;
          i++;
        } else {
          steps.add(new Step(layer, null, k, value, Naming.linearOutput(k), layer.in(), layer.out()));
          value = Naming.linearOutput(k);
        }
      } else {
        String output = Naming.activationOutput(value);
        steps.add(new Step(null, layer, k, value, output, layer.in(), layer.out()));
        value = output;
      }
    }
    return List.copyOf(steps);
  }
}
