package chainrule.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fresh JVM for a test: this JDK's java, the runtime's classes and its test classes, a main class and its arguments. */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java <flags> -cp <runtime classes>:<test classes> <main> <args>}; the caller sets redirects and starts it. */
  public static ProcessBuilder of(Class<?> main, List<String> flags, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(location(Training.class) + File.pathSeparator + location(main));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String location(Class<?> c) {
    return new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath();
  }
}
