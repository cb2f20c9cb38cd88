package chainrule;

/** The losses a {@link Network} can train with; each is a mean, like PyTorch's default reduction. */
public enum Loss {
  /**
   * Binary cross-entropy, {@code torch.nn.BCELoss()}: {@code mean(-(y·log p + (1-y)·log(1-p)))} over all
   * {@code rows × outputs} values, with each log clamped at -100. Needs probabilities, so the last layer must
   * be a {@link Sigmoid}.
   */
  BCE,
  /** Mean squared error, {@code torch.nn.MSELoss()}: {@code mean((p - y)²)} over all {@code rows × outputs} values. Any last layer. */
  MSE,
  /**
   * Cross-entropy over classes, {@code torch.nn.CrossEntropyLoss()} with class-index targets: for each row of
   * logits {@code l}, {@code m = max(l)}, {@code log p = l - m - log Σ exp(l - m)}, and the loss is the mean
   * over rows of {@code -log p[label]}. The log-softmax is part of the loss, so the network ends in a
   * {@link Linear} whose {@code out} is the number of classes (at least 2), not in a {@link Sigmoid}; its
   * {@code forward} gives logits, as the PyTorch model does. Labels are class indices in {@code [0, classes)}.
   */
  CROSS_ENTROPY
}
