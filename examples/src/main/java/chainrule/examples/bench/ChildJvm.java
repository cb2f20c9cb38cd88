package chainrule.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fresh JVM running one of this jar's programs as a child that prints its measurement on its last line. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code chainrule.examples.Main args} in a new JVM on this one's class path, with the Vector API if
   * {@code vector} and no other option of this JVM's, its errors passed through; returns the numbers on the
   * last line it printed.
   */
  static double[] run(boolean vector, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (vector) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "chainrule.examples.Main"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String last = null;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        last = line;
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || last == null) {
      throw new IOException("a child JVM (" + String.join(" ", args) + ") exited with " + exit + " and last printed "
          + (last == null ? "nothing" : "\"" + last + "\"") + "; its errors are above");
    }
    return Arrays.stream(last.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }
}
