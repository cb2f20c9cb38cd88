package chainrule;

/**
 * Element-wise activation layer for a {@link Network}: {@code relu(x) = max(x, 0); relu'(x) = 1 if x > 0 else 0}. Takes no sizes and holds no
 * parameters; the generated code calls its kernels in {@code chainrule.internal.Kernels}.
 */
public final class ReLU {
  @Override
  public String toString() {
    return "ReLU";
  }
}
