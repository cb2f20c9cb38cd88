package chainrule.examples.bench;

import chainrule.Classifier;
import chainrule.Optimizer;
import chainrule.Trainable;
import chainrule.examples.Options;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code paired-steps}: the training steps of two builds of chainrule side by side, to tell whether a change
 * made a case's step faster when the machine's own noise (±4% between runs here) is as large as the change.
 * Each build's jar is loaded by a class loader of its own in one JVM, and each makes its network of the case
 * there; their steps alternate, so that a slow spell of the machine hits both alike. What is left is a bias of
 * position: the same jar against itself, the build loaded second ran up to 2–3% faster or slower, the same
 * way in a JVM. So each run is two JVMs, A loaded first in one and B first in the other: the bias multiplies
 * B/A in the one and divides it in the other, and the square root of their product cancels it. Steps run as a
 * user's do, with {@code VectorWarmup} (the benchmark suite turns it off to measure its steady state only).
 * For steps of a millisecond or more ({@code medium}, {@code large}, {@code mnist-nn}): on the xor cases' steps
 * of microseconds, how each copy's code happened to be compiled decides, and the same jar against itself gave
 * 0.92–1.14; the JMH suite measures those.
 *
 * <p>Run: {@code java -jar chainrule-examples.jar paired-steps --a A.jar --b B.jar [--case ID] [--steps N]
 * [--runs N]}, A and B being builds of {@code examples} from this program on (each must have it): the jar, or
 * class path entries joined by the system's separator ({@code :}). {@code --child} measures in this JVM and
 * prints one line, A's and B's mean step in ms.
 */
public final class PairedSteps {
  private PairedSteps() {}

  public static void run(String[] args, PrintStream out) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean child = rest.remove("--child");
    Options options = Options.parse("paired-steps", rest.toArray(String[]::new),
        List.of("--a", "--b", "--case", "--steps", "--runs"), "--a JAR --b JAR [--case ID] [--steps N] [--runs N]");
    String id = Case.byId(options.string("--case", Case.LARGE.id)).id;
    String a = build(options, "--a", id, !child); // a child's builds were checked by its parent
    String b = build(options, "--b", id, !child);
    int steps = options.positive("--steps", 300);
    int runs = options.positive("--runs", 2);
    if (child) {
      double[] ms = measure(a, b, id, steps);
      out.printf(Locale.ROOT, "%.6f %.6f%n", ms[0], ms[1]);
      return;
    }
    out.printf(Locale.ROOT, "paired-steps: %s, %d steps of each build a JVM (the first third not counted), %d run%s"
        + " of two JVMs%n", id, steps, runs, runs == 1 ? "" : "s");
    out.println("  A: " + a);
    out.println("  B: " + b);
    double[] unbiased = new double[runs];
    for (int r = 0; r < runs; r++) {
      double[] aFirst = ChildJvm.run(true, childArgs(a, b, id, steps)); // {A, B}
      double[] bFirst = ChildJvm.run(true, childArgs(b, a, id, steps)); // {B, A}
      double ratioAFirst = aFirst[1] / aFirst[0];
      double ratioBFirst = bFirst[0] / bFirst[1];
      unbiased[r] = unbiased(aFirst, bFirst);
      out.printf(Locale.ROOT, "  run %d  A first: A %.4f ms, B %.4f ms (B/A %.4f);  B first: A %.4f ms, B %.4f ms"
          + " (B/A %.4f);  B/A without the position's bias %.4f%n", r + 1, aFirst[0], aFirst[1], ratioAFirst,
          bFirst[1], bFirst[0], ratioBFirst, unbiased[r]);
    }
    out.printf(Locale.ROOT, "B's step time / A's: %.4f, the median of the runs (below 1: B is faster)%n",
        BenchProgram.median(unbiased));
  }

  /**
   * B's step time over A's from the two JVMs' mean steps, {A, B} with A loaded first and {B, A} with B loaded
   * first: the second-loaded build's bias β multiplies the one ratio, {@code R·β}, and divides the other,
   * {@code R/β}, so {@code R = √(R·β · R/β)}.
   */
  static double unbiased(double[] aFirst, double[] bFirst) {
    return Math.sqrt(aFirst[1] / aFirst[0] * (bFirst[0] / bFirst[1]));
  }

  /**
   * One step of case {@code id} a call, with this build's network, data and optimizer: what a jar loaded
   * beside another gives the measuring JVM (so it must be public, and return a type of the JDK's).
   */
  public static Runnable stepper(String id) {
    Case c = Case.byId(id);
    float[] x = c.x();
    Optimizer optimizer = c.optimizer();
    if (c.classifies()) {
      Classifier net = c.classifier(1);
      int[] labels = c.labels();
      return () -> net.trainStep(x, labels, c.rows, optimizer);
    }
    Trainable net = c.create(1);
    float[] y = c.y();
    return () -> net.trainStep(x, y, c.rows, optimizer);
  }

  /** Mean step times in ms, {first, second}, of the builds on {@code first} and {@code second}, alternating. */
  private static double[] measure(String first, String second, String id, int steps) throws IOException {
    try (URLClassLoader one = loader(first); URLClassLoader two = loader(second)) {
      Runnable[] step = {stepper(one, "--a", id), stepper(two, "--b", id)};
      double[] nanos = new double[2];
      for (int s = 0; s < steps; s++) {
        for (int k = 0; k < 2; k++) {
          int v = s % 2 == 0 ? k : 1 - k; // which goes first alternates too
          long start = System.nanoTime();
          step[v].run();
          if (s >= steps / 3) { // the first steps: the scalar path while the vector kernels compile
            nanos[v] += System.nanoTime() - start;
          }
        }
      }
      int counted = steps - steps / 3;
      return new double[] {nanos[0] / counted / 1e6, nanos[1] / counted / 1e6};
    }
  }

  /** A class loader of its own for the build on {@code classPath}, beside the JDK's modules only. */
  static URLClassLoader loader(String classPath) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** {@link #stepper(String)} of the build in {@code loader}, given as option {@code name}. */
  static Runnable stepper(URLClassLoader loader, String name, String id) {
    String what = name + " " + Arrays.toString(loader.getURLs());
    try {
      return (Runnable) loader.loadClass(PairedSteps.class.getName()).getMethod("stepper", String.class)
          .invoke(null, id);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalArgumentException(what + " has no " + PairedSteps.class.getName() + ".stepper: build it"
          + " from a commit that has paired-steps", e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof NoClassDefFoundError missing) {
        throw new IllegalArgumentException(what + " lacks " + missing.getMessage() + ": give the shaded"
            + " chainrule-examples.jar, or the whole class path", e);
      }
      throw new IllegalArgumentException(what + ": " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // stepper is public
    }
  }

  private static List<String> childArgs(String first, String second, String id, int steps) {
    return List.of("paired-steps", "--child", "--a", first, "--b", second, "--case", id, "--steps",
        String.valueOf(steps));
  }

  /**
   * Option {@code name}'s build, its entries made absolute (the child JVMs start elsewhere); if {@code check},
   * its network of case {@code id} made once here, so that a build that cannot make it fails with one line
   * before any JVM starts.
   */
  private static String build(Options options, String name, String id, boolean check) throws IOException {
    String classPath = options.string(name, null);
    if (classPath == null) {
      throw new IllegalArgumentException("needs " + name + " JAR: a build of chainrule-examples.jar");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        throw new IOException(name + " " + entry + ": no such file (build it with mvn -B package -DskipTests)");
      }
      if (Files.isRegularFile(path) && !isZip(path)) {
        throw new IllegalArgumentException(name + " " + entry + " is not a jar; give a build of chainrule-examples.jar");
      }
      entries.add(path.toAbsolutePath().toString());
    }
    String build = String.join(File.pathSeparator, entries);
    if (check) {
      try (URLClassLoader loader = loader(build)) {
        stepper(loader, name, id); // makes the network once; the measuring JVM makes its own
      }
    }
    return build;
  }

  /** Whether {@code file} starts as a zip (a jar) does: {@code PK\3\4}. */
  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }
  }
}
