package chainrule.examples;

import chainrule.examples.bench.BenchProgram;
import chainrule.examples.bench.FirstStep;
import chainrule.examples.bench.PairedSteps;
import chainrule.examples.lab09.CompareMnistProgram;
import chainrule.examples.lab09.MnistBackpropProgram;
import chainrule.examples.lab09.MnistBatchnormProgram;
import chainrule.examples.lab09.MnistNnDeepProgram;
import chainrule.examples.lab09.MnistNnDropoutProgram;
import chainrule.examples.lab09.MnistNnProgram;
import chainrule.examples.lab09.MnistNnXavierProgram;
import chainrule.examples.lab09.MnistSoftmaxProgram;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar chainrule-examples.jar <program> [options]}: runs one of the lecture's programs. */
public final class Main {
  /** How the programs are run, for usage lines. */
  static final String COMMAND = "java -jar chainrule-examples.jar";
  private static final String USAGE = "usage: " + COMMAND + " <program> [options]";

  private Main() {}

  /** One runnable program; it prints to {@code out}. */
  interface Program {
    void run(String[] args, PrintStream out) throws Exception;
  }

  /** The programs by name: the lecture's in its order, then {@code lecture}, then the others. */
  static Map<String, Program> programs() {
    Map<String, Program> programs = new LinkedHashMap<>();
    programs.put("xor", XorProgram::run);
    programs.put("xor-nn", XorNnProgram::run);
    programs.put("xor-nn-wide-deep", XorWideDeepProgram::run);
    programs.put("xor-backprop", XorBackpropProgram::run);
    programs.put("compare", CompareProgram::run);
    programs.put("lecture", Main::lecture);
    programs.put("bench", BenchProgram::run); // the benchmark suite, not a lecture program
    programs.put("first-step", FirstStep::run); // the first steps of a network in fresh JVMs (benchmark)
    programs.put("paired-steps", PairedSteps::run); // two builds' steps side by side (benchmark)
    programs.put("breast-cancer", BreastCancerProgram::run); // beyond the lecture: real data, pictures
    programs.put("xor-boundary", XorBoundaryProgram::run);
    // the lecture's next chapter (lab-09, lab-10-X1): minutes each on real images, so not part of `lecture`
    programs.put("mnist-softmax", MnistSoftmaxProgram::run);
    programs.put("mnist-nn", MnistNnProgram::run);
    programs.put("mnist-nn-xavier", MnistNnXavierProgram::run);
    programs.put("mnist-nn-deep", MnistNnDeepProgram::run);
    programs.put("mnist-nn-dropout", MnistNnDropoutProgram::run);
    programs.put("mnist-batchnorm", MnistBatchnormProgram::run);
    programs.put("mnist-backprop", MnistBackpropProgram::run);
    programs.put("compare-mnist", CompareMnistProgram::run);
    return programs;
  }

  /** {@code lecture}: every program registered before it (the lecture's) in turn, each under a header. */
  private static void lecture(String[] args, PrintStream out) throws Exception {
    Options.none("lecture", args);
    for (Map.Entry<String, Program> program : programs().entrySet()) {
      if (program.getKey().equals("lecture")) {
        return; // what follows (bench, breast-cancer, xor-boundary, the mnist programs) is not the lecture's
      }
      out.println("=== " + program.getKey() + " " + "=".repeat(60 - program.getKey().length()));
      program.getValue().run(args, out);
      out.println();
    }
  }

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the program {@code args[0]} names and returns the exit status: 0, 2 for an unknown program, 1 when the
   * program rejects its input. A user's mistake (a missing data folder, a bad option) is an
   * {@link IllegalArgumentException} or an {@link IOException}: its message says what is wrong and how to fix it,
   * so it is printed alone, without the stack trace that would bury it. Anything else is a bug and propagates.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, Program> programs = programs();
    if (args.length == 1 && List.of("--help", "-h", "help").contains(args[0])) {
      out.println(USAGE);
      out.println("programs: " + String.join(", ", programs.keySet()) + "; <program> --help for its options");
      return 0;
    }
    if (args.length == 0 || !programs.containsKey(args[0])) {
      err.println(USAGE);
      err.println("programs: " + String.join(", ", programs.keySet()));
      if (args.length > 0) {
        err.println("unknown program: " + args[0]);
      }
      return 2;
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    try {
      programs.get(args[0]).run(rest, out);
      return 0;
    } catch (Options.Help help) {
      out.println(help.getMessage());
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println(args[0] + ": " + describe(e));
      return 1;
    }
  }

  /**
   * The message of a user's mistake. A file system's exception says only the path ({@code /tmp/out}) unless told
   * why: {@code /tmp/out: exists and is not a directory}.
   */
  static String describe(Exception e) {
    if (!(e instanceof FileSystemException f)) {
      return e.getMessage();
    }
    String why = f.getReason() != null ? f.getReason()
        : f instanceof NoSuchFileException ? "no such file or directory"
        : f instanceof FileAlreadyExistsException ? "exists, and is not a directory"
        : f instanceof AccessDeniedException ? "access denied"
        : f instanceof NotDirectoryException ? "is not a directory"
        : f instanceof DirectoryNotEmptyException ? "is a directory that is not empty"
        : f.getClass().getSimpleName();
    return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + why;
  }
}
