package chainrule;

/**
 * Element-wise activation layer for a {@link Network}: {@code tanh(x); tanh'(x) = 1 - tanh²(x)}. Takes no sizes and holds no
 * parameters; the generated code calls its kernels in {@code chainrule.internal.Kernels}.
 */
public final class Tanh {
  @Override
  public String toString() {
    return "Tanh";
  }
}
