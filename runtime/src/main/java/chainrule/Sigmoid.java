package chainrule;

/**
 * Element-wise activation layer for a {@link Network}: {@code σ(x) = 1 / (1 + e^-x); σ'(x) = σ(x)·(1 - σ(x))}. Takes no sizes and holds no
 * parameters; the generated code calls its kernels in {@code chainrule.internal.Kernels}.
 */
public final class Sigmoid {
  @Override
  public String toString() {
    return "Sigmoid";
  }
}
