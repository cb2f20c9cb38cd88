package chainrule;

/**
 * How {@code create(seed)} initialises a {@link Linear} layer's weight: {@code @Layer(in = 784, out = 256,
 * init = Init.XAVIER_UNIFORM) Linear linear1;}. Every Linear first draws PyTorch's default initialisation, as
 * {@code nn.Linear}'s constructor does; then, after all layers are constructed, each weight with an
 * initialiser is drawn again from the same generator, layer by layer in field order, as the lecture's lab-09
 * notebooks do ({@code linear1 = nn.Linear(…)} for every layer, then {@code torch.nn.init.xavier_uniform_(
 * linear1.weight)} for each). The bias keeps its default. Bit for bit with PyTorch 1.13 on the CPU.
 *
 * <p>Fans of a {@code Linear(in, out)} weight: {@code fan_in = in}, {@code fan_out = out}.
 */
public enum Init {
  /** {@code nn.Linear}'s own: {@code kaiming_uniform_(w, a = √5)}, i.e. {@code U(-1/√in, 1/√in)}. No second draw. */
  DEFAULT,
  /** {@code torch.nn.init.normal_(w)}: {@code N(0, 1)}, as the lecture's lab-09_2. */
  NORMAL,
  /** {@code torch.nn.init.xavier_uniform_(w)}: {@code U(-a, a)}, {@code a = √(6 / (in + out))} (gain 1), as lab-09_3 to 09_6. */
  XAVIER_UNIFORM,
  /** {@code torch.nn.init.xavier_normal_(w)}: {@code N(0, σ²)}, {@code σ = √(2 / (in + out))} (gain 1). */
  XAVIER_NORMAL,
  /**
   * {@code torch.nn.init.kaiming_uniform_(w)} with its defaults ({@code a = 0}, {@code mode = 'fan_in'},
   * {@code nonlinearity = 'leaky_relu'}, gain √2): {@code U(-b, b)}, {@code b = √(6 / in)}.
   */
  KAIMING_UNIFORM,
  /** {@code torch.nn.init.kaiming_normal_(w)} with its defaults (gain √2): {@code N(0, σ²)}, {@code σ = √(2 / in)}. */
  KAIMING_NORMAL
}
