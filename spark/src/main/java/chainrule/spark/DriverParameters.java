package chainrule.spark;

import chainrule.Net;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The parameter array the driver's optimizer updates for each network. An optimizer with state (Adam) binds to
 * the first array it updates, as it binds to a network's own array on one JVM; keeping one array per network
 * lets a second {@code fit} of the same network with the same optimizer continue its moments, as
 * {@code net.fit} does. Weak keys: a network no longer used takes its array with it.
 */
final class DriverParameters {
  private static final Map<Net, float[]> PARAMS = new WeakHashMap<>(); // generated nets compare by identity

  private DriverParameters() {}

  /** {@code net}'s array, holding its current parameters. */
  static synchronized float[] of(Net net) {
    float[] params = PARAMS.get(net);
    float[] current = net.parameters();
    if (params == null) {
      params = current;
      PARAMS.put(net, params);
    } else {
      System.arraycopy(current, 0, params, 0, params.length);
    }
    return params;
  }
}
