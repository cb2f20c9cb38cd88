package chainrule.spark;

import chainrule.BatchNorm1d;
import chainrule.Dropout;
import java.lang.reflect.Field;

/**
 * Layers whose state a data-parallel step cannot keep right yet, refused before any step: a
 * {@link BatchNorm1d} would normalise each partition by its own rows and keep its running statistics on the
 * executors (the driver's network, and its checkpoint, would keep their initial ones); a {@link Dropout} would
 * draw the same masks on every partition, since each partition's network starts from the factory's generator.
 * Read once on the driver from the types of the model's fields ({@code @Layer} is not kept at run time); no
 * reflection runs in a step.
 */
final class UnsupportedLayers {
  private UnsupportedLayers() {}

  static void check(Object net) {
    for (Class<?> type = net.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (BatchNorm1d.class.isAssignableFrom(field.getType())) {
          throw new IllegalArgumentException("layer " + field.getName() + " is a BatchNorm1d, which training on "
              + "Spark does not support yet: each partition would normalise by its own rows and the running "
              + "statistics would stay on the executors; train this network on one JVM (net.fit)");
        }
        if (Dropout.class.isAssignableFrom(field.getType())) {
          throw new IllegalArgumentException("layer " + field.getName() + " is a Dropout, which training on "
              + "Spark does not support yet: every partition's network would draw the same masks; train this "
              + "network on one JVM (net.fit), or without the Dropout layers");
        }
      }
    }
  }
}
