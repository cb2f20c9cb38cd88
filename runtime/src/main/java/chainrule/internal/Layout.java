package chainrule.internal;

/**
 * A generated network's constants, as {@link Training} needs them: a constant of the generated class,
 * {@code new Layout(ARCHITECTURE, INPUTS, OUTPUTS, Layout.Targets.PROBABILITIES, PARAMETER_NAMES,
 * PARAMETER_OFFSETS)}.
 *
 * @param architecture the layers and the loss, as checkpoints record them
 * @param parameterNames each parameter block's name ({@code linear1.weight}), in PyTorch's order
 * @param parameterOffsets where each block starts in {@code params}
 */
public record Layout(String architecture, int inputs, int outputs, Layout.Targets targets, String[] parameterNames,
    int[] parameterOffsets) {
  /** What a network's targets are, which decides how they are checked and which metrics apply. */
  public enum Targets {
    /** BCE: float targets in [0, 1], predictions are probabilities. */
    PROBABILITIES,
    /** MSE: any finite float targets. */
    VALUES,
    /** Cross-entropy: one class label in [0, outputs) per row, predictions are logits. */
    CLASSES
  }

  public Layout {
    Checks.notNull("architecture", architecture);
    Checks.positive("inputs", inputs);
    Checks.positive("outputs", outputs);
    Checks.notNull("targets", targets);
    Checks.notNull("parameterNames", parameterNames);
    Checks.notNull("parameterOffsets", parameterOffsets);
    if (parameterNames.length != parameterOffsets.length || parameterOffsets.length == 0
        || parameterOffsets[0] != 0) {
      throw new IllegalArgumentException("parameterOffsets must start at 0 and name a block each: "
          + parameterNames.length + " names, " + parameterOffsets.length + " offsets");
    }
    for (int i = 1; i < parameterOffsets.length; i++) {
      if (parameterOffsets[i] <= parameterOffsets[i - 1]) {
        throw new IllegalArgumentException("parameterOffsets must increase, was " + parameterOffsets[i - 1]
            + " then " + parameterOffsets[i]);
      }
    }
    if (targets == Targets.CLASSES && outputs < 2) {
      throw new IllegalArgumentException("a cross-entropy network needs outputs >= 2 classes, was " + outputs);
    }
  }

  /** The name of the block that holds {@code params[index]}. */
  String blockOf(int index) {
    int block = 0;
    while (block + 1 < parameterOffsets.length && parameterOffsets[block + 1] <= index) {
      block++;
    }
    return parameterNames[block];
  }
}
