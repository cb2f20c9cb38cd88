package chainrule.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A program's {@code --name VALUE} options: each one it takes at most once, anything else refused by name,
 * so that a mistyped option fails before minutes of training rather than being ignored.
 */
public final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /** Reads {@code args} as {@code --name VALUE} pairs; {@code usage} lists what {@code program} takes. */
  public static Options parse(String program, String[] args, List<String> names, String usage) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
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
    return new Options(values);
  }

  /** Option {@code name} as given, or {@code otherwise} if it was not given. */
  public String string(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** Option {@code name} as a path, or {@code otherwise} if it was not given. */
  public Path path(String name, Path otherwise) {
    String value = values.get(name);
    return value == null ? otherwise : Path.of(value);
  }

  /** Option {@code name} as an int {@code > 0}, or {@code otherwise} if it was not given. */
  public int positive(String name, int otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the name
    }
    throw new IllegalArgumentException(name + " must be an integer > 0, was " + value);
  }
}
