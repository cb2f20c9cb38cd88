package chainrule.internal.fast;

import java.lang.System.Logger.Level;

/**
 * The one warning a user gets when large products run without the Vector API because the JVM was not given
 * the flag that enables it (as Lucene warns when {@code jdk.incubator.vector} is not readable). Logged once
 * per JVM, at {@link Level#WARNING} on {@code System.getLogger("chainrule")} (java.util.logging by default,
 * to stderr; stdout never changes), and only when a product of at least {@link Fast#SMALL} multiply-adds
 * runs: the lecture's tiny networks never take the fast paths, so they never warn. A user who set
 * {@code -Dchainrule.vector=false} chose the scalar path and is not warned either ({@link Fast} decides).
 */
final class ScalarWarning {
  private ScalarWarning() {}

  /** The logger's name: one for all of chainrule, so that a user can silence or route it by that name. */
  static final String LOGGER = "chainrule";

  static final String MESSAGE = String.join("\n",
      "chainrule: the Vector API is not enabled, so large matrix products run on the scalar path, 2 to 4 times"
          + " slower. Results are bit-identical either way.",
      "  To enable it, give the JVM --add-modules jdk.incubator.vector:",
      "    java --add-modules jdk.incubator.vector -cp ... Main",
      "    java -jar app.jar: a manifest cannot add modules; set JDK_JAVA_OPTIONS=\"--add-modules"
          + " jdk.incubator.vector\" in the environment",
      "    Maven tests: maven-surefire-plugin <argLine>--add-modules jdk.incubator.vector</argLine>",
      "    Maven exec:java (runs in Maven's JVM): MAVEN_OPTS=\"--add-modules jdk.incubator.vector\";"
          + " exec:exec: add it to <arguments>",
      "    or run chainrule on the module path, where its module requires jdk.incubator.vector.",
      "  To choose the scalar path and silence this warning: -Dchainrule.vector=false");

  /** Logs {@link #MESSAGE}, the first time only: the JVM runs {@link Once}'s initializer exactly once. */
  static void scalarProductRuns() {
    Once.logged();
  }

  /** Initialised (and so logging) on first use; after that, {@link #logged} is an empty call. */
  private static final class Once {
    static {
      System.getLogger(LOGGER).log(Level.WARNING, MESSAGE);
    }

    static void logged() {}
  }
}
