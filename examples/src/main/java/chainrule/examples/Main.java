package chainrule.examples;

import java.util.Map;
import java.util.TreeMap;

/** {@code java -jar chainrule-examples.jar <program>}: runs one of the lecture's programs. */
public final class Main {
  private Main() {}

  interface Program {
    void run(String[] args) throws Exception;
  }

  static Map<String, Program> programs() {
    Map<String, Program> programs = new TreeMap<>();
    return programs;
  }

  public static void main(String[] args) throws Exception {
    Map<String, Program> programs = programs();
    if (args.length == 0 || !programs.containsKey(args[0])) {
      System.err.println("usage: java -jar chainrule-examples.jar <program> [options]");
      System.err.println("programs: " + String.join(", ", programs.keySet()));
      System.exit(args.length == 0 ? 0 : 2);
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    programs.get(args[0]).run(rest);
  }
}
