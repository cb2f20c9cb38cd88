package chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One layer of a {@link Network}, in field declaration order. A {@link Linear} field takes its sizes,
 * {@code @Layer(in = 2, out = 10)}; activations ({@link Sigmoid}, {@link ReLU}, {@link Tanh},
 * {@link LeakyReLU}) take none, since they keep the width of the layer before them. An element written on a
 * layer type that does not take it is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Layer {
  /** Input features of a {@link Linear} layer; must equal the width of the layer before it. */
  int in() default 0;

  /** Output features of a {@link Linear} layer. */
  int out() default 0;

  /**
   * How {@code create(seed)} initialises a {@link Linear} layer's weight after PyTorch's default, e.g.
   * {@code Init.XAVIER_UNIFORM} for {@code torch.nn.init.xavier_uniform_(linear.weight)}; see {@link Init}.
   */
  Init init() default Init.DEFAULT;

  /** The probability that a {@link Dropout} zeroes a value in training, {@code torch.nn.Dropout(p)}; in [0, 1]. */
  double p() default 0.5;

  /**
   * The slope of a {@link LeakyReLU} for negative inputs, {@code torch.nn.LeakyReLU(negative_slope)}, with
   * PyTorch's default; finite and not negative. Used as a float, like PyTorch's float kernels.
   */
  double negativeSlope() default 0.01;
}
