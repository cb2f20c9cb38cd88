package chainrule.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A program's {@code --name VALUE} options and {@code --flag}s: each one it takes at most once, anything else
 * refused by name, so that a mistyped option fails before minutes of training rather than being ignored.
 * {@code --help} (or {@code -h}) anywhere asks for the program's usage ({@link Help}).
 */
public final class Options {
  private final Map<String, String> values;
  private final Set<String> flags;

  private Options(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /** Thrown by {@link #parse} for {@code --help}: its message is the program's usage, which is no error. */
  public static final class Help extends RuntimeException {
    Help(String usage) {
      super(usage, null, false, false);
    }
  }

  /** A program that takes no options: refuses any argument. */
  public static void none(String program, String[] args) {
    parse(program, args, List.of(), List.of(), "no options");
  }

  /** Reads {@code args} as {@code --name VALUE} pairs; {@code usage} lists what {@code program} takes. */
  public static Options parse(String program, String[] args, List<String> names, String usage) {
    return parse(program, args, names, List.of(), usage);
  }

  /** Reads {@code args} as {@code --name VALUE} pairs and {@code flags}, which take no value. */
  public static Options parse(String program, String[] args, List<String> names, List<String> flags, String usage) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new Help("usage: " + Main.COMMAND + " " + program + (names.isEmpty() && flags.isEmpty()
            ? " (" + usage + ")" : " [" + usage + "]"));
      }
    }
    Map<String, String> values = new HashMap<>();
    Set<String> given = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (flags.contains(name)) {
        if (!given.add(name)) {
          throw new IllegalArgumentException(name + " may be given once, was given twice");
        }
        continue;
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException(program + " takes " + usage + ", was given " + name);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(name + " needs a value (" + program + " takes " + usage
            + "), was given none");
      }
      if (values.put(name, args[++i]) != null) {
        throw new IllegalArgumentException(name + " may be given once, was given twice");
      }
    }
    return new Options(values, given);
  }

  /** Whether flag {@code name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** Option {@code name} as given, or {@code otherwise} if it was not given. */
  public String string(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** Option {@code name} as a comma-separated list of {@code allowed} values, or {@code otherwise}. */
  public List<String> list(String name, List<String> allowed, List<String> otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      if (!allowed.contains(item)) {
        throw new IllegalArgumentException(name + " takes a comma-separated list of " + String.join(", ", allowed)
            + "; \"" + item + "\" is none of them");
      }
      items.add(item);
    }
    return items;
  }

  /** Option {@code name} as a path (not empty: that would be the working directory), or {@code otherwise}. */
  public Path path(String name, Path otherwise) {
    String value = values.get(name);
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a path, was \"" + value + "\"");
    }
    return value == null ? otherwise : Path.of(value);
  }

  /** Option {@code name} as an int {@code > 0}, or {@code otherwise} if it was not given. */
  public int positive(String name, int otherwise) {
    return positive(name, otherwise, Integer.MAX_VALUE);
  }

  /** Option {@code name} as an int in {@code [1, max]}, or {@code otherwise} if it was not given. */
  public int positive(String name, int otherwise, int max) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the name
    }
    throw new IllegalArgumentException(name + " must be an integer > 0" + (max == Integer.MAX_VALUE ? ""
        : " and <= " + max) + ", was " + value);
  }
}
