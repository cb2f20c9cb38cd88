package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The backup codec depends on nothing of the driver that uses it (STYLE rule 10, no cycles between files of
 * the runtime): {@code Training} names {@code TrainingState}, and the compiled {@code TrainingState} (with its
 * nested classes) does not name {@code Training}. Read from the class files' constant pools, so a
 * compile-time constant (inlined) or a Javadoc link (not compiled) does not count, as in any dependency.
 */
class TrainingStateDependencyTest {
  private static final Pattern INTERNAL_CLASS = Pattern.compile("chainrule/internal/([A-Za-z0-9_]+)");

  @Test
  void trainingStateDoesNotNameTraining() throws IOException, URISyntaxException {
    Set<String> named = filesNamedBy("TrainingState");
    assertFalse(named.contains("Training"), "TrainingState names " + named);
    // what it does name, so that this test reads the class files it means to
    assertTrue(named.containsAll(List.of("Checkpoint", "Trainee", "Best", "RateSchedule", "Columns")),
        "TrainingState names " + named);
  }

  @Test
  void trainingNamesTrainingState() throws IOException, URISyntaxException {
    Set<String> named = filesNamedBy("Training");
    assertTrue(named.contains("TrainingState"), "Training names " + named);
  }

  @Test
  void stringConstantsAreNotNames() throws IOException {
    // an error message that spells a class is no dependency; the class of the string is
    Set<String> named = new TreeSet<>();
    for (String name : namesIn(classFileWith("chainrule/internal/Best", "see chainrule/internal/Training"))) {
      addInternalFiles(name, named);
    }
    assertEquals(Set.of("Best"), named);
  }

  /** The runtime files (top-level class names) that {@code file}'s class, or one nested in it, names. */
  private static Set<String> filesNamedBy(String file) throws IOException, URISyntaxException {
    Path classes = Path.of(TrainingState.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("chainrule/internal");
    List<Path> classFiles = new ArrayList<>();
    try (Stream<Path> all = Files.list(classes)) {
      all.filter(p -> p.getFileName().toString().equals(file + ".class")
          || p.getFileName().toString().startsWith(file + "$")).forEach(classFiles::add);
    }
    assertFalse(classFiles.isEmpty(), "no class file of " + file + " in " + classes);
    Set<String> named = new TreeSet<>();
    for (Path classFile : classFiles) {
      for (String name : namesIn(Files.readAllBytes(classFile))) {
        addInternalFiles(name, named);
      }
    }
    named.remove(file);
    return named;
  }

  private static void addInternalFiles(String name, Set<String> files) {
    Matcher m = INTERNAL_CLASS.matcher(name);
    while (m.find()) {
      files.add(m.group(1)); // Training$Inner is in Training's file
    }
  }

  /**
   * The UTF-8 entries of a class file's constant pool (class names, descriptors, signatures), less the
   * string constants. Entry layout from JVMS §4.4.
   */
  static List<String> namesIn(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file: its magic number is not 0xCAFEBABE");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    Set<Integer> strings = new HashSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 8 -> strings.add(in.readUnsignedShort()); // CONSTANT_String: a literal, not a name
        case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
        case 15 -> in.skipBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // a long or double takes two entries
        }
        default -> throw new IllegalArgumentException("constant pool entry " + i + " has tag " + tag
            + ", expected one of 1, 3-12, 15-20");
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (utf8[i] != null && !strings.contains(i)) {
        names.add(utf8[i]);
      }
    }
    return names;
  }

  /** A minimal class file: class {@code name} with one string constant, {@code literal}. */
  private static byte[] classFileWith(String name, String literal) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0xCAFEBABE);
    out.writeShort(0);
    out.writeShort(61);
    out.writeShort(5); // entries 1-4
    out.writeByte(1);
    out.writeUTF(name); // #1
    out.writeByte(7);
    out.writeShort(1); // #2 Class #1
    out.writeByte(1);
    out.writeUTF(literal); // #3
    out.writeByte(8);
    out.writeShort(3); // #4 String #3
    return bytes.toByteArray();
  }
}
