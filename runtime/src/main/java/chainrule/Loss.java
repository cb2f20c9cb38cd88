package chainrule;

/** The losses a {@link Network} can train with; each is a mean over all {@code rows × outputs} values. */
public enum Loss {
  /**
   * Binary cross-entropy, {@code torch.nn.BCELoss()}: {@code mean(-(y·log p + (1-y)·log(1-p)))} with each log
   * clamped at -100. Needs probabilities, so the last layer must be a {@link Sigmoid}.
   */
  BCE,
  /** Mean squared error, {@code torch.nn.MSELoss()}: {@code mean((p - y)²)}. Any last layer. */
  MSE
}
