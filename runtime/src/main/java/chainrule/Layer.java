package chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One layer of a {@link Network}, in field declaration order. A {@link Linear} field takes its sizes,
 * {@code @Layer(in = 2, out = 10)}; activations ({@link Sigmoid}, {@link ReLU}, {@link Tanh}) take none.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Layer {
  /** Input features of a {@link Linear} layer; must equal the width of the layer before it. */
  int in() default 0;

  /** Output features of a {@link Linear} layer. */
  int out() default 0;
}
