package chainrule.processor;

/**
 * One validated {@code @Layer} field. {@code in} and {@code out} are the layer's feature counts: given
 * for a Linear, inherited from the layer before for an activation (which keeps the width).
 */
record LayerModel(String field, LayerKind kind, int in, int out) {
  LayerModel {
    if (field == null || field.isEmpty() || kind == null) {
      throw new IllegalArgumentException("field and kind are required");
    }
    if (in <= 0 || out <= 0 || (kind.isActivation() && in != out)) {
      throw new IllegalArgumentException(field + ": bad sizes " + in + " -> " + out);
    }
  }

  boolean isLinear() {
    return kind == LayerKind.LINEAR;
  }
}
