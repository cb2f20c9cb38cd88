package chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract model class whose {@link Layer} fields describe a feed-forward network. At compile
 * time chainrule's processor writes {@code <Model>Net}, a final subclass with unrolled forward and
 * backward methods, {@code create(long seed)}, {@code forward}, {@code lossAndGradients} and
 * {@code trainStep}.
 *
 * <pre>{@code
 * @Network
 * abstract class XorNn {
 *   @Layer(in = 2, out = 2) Linear linear1;
 *   @Layer                  Sigmoid sigmoid1;
 *   @Layer(in = 2, out = 1) Linear linear2;
 *   @Layer                  Sigmoid sigmoid2;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /** The loss that {@code lossAndGradients} and {@code trainStep} minimise; BCE like the lecture. */
  Loss loss() default Loss.BCE;
}
