package chainrule.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycles between the runtime's files (STYLE.md, 10): {@code Gemm} must not call back into {@code Fast},
 * nor {@code Workers} know a task of {@code Gemm}. Read from the compiled classes: a file depends on another
 * if its class file (or a nested class's) names it anywhere in its constant pool (calls, fields, types in
 * signatures). Compile-time constants and Javadoc links leave no trace there and do not count.
 */
class NoCyclesTest {
  private static final Pattern CLASS_NAME = Pattern.compile("chainrule/[A-Za-z0-9_/$]+");

  @Test
  void theRuntimesFilesDependOnEachOtherWithoutCycles() throws IOException, URISyntaxException {
    Map<String, Set<String>> graph = dependencies();
    assertTrue(graph.containsKey("chainrule/internal/fast/Fast"), "read the runtime's classes: " + graph.keySet());
    List<String> cycle = findCycle(graph);
    assertEquals(List.of(), cycle, "a cycle between the runtime's files");
  }

  @Test
  void theFastKernelsSeeOnlyWorkersOutsideTheirPackage() throws IOException, URISyntaxException {
    Map<String, Set<String>> graph = dependencies();
    for (Map.Entry<String, Set<String>> file : graph.entrySet()) {
      if (file.getKey().startsWith("chainrule/internal/fast/")) {
        for (String target : file.getValue()) {
          assertTrue(target.startsWith("chainrule/internal/fast/") || target.equals("chainrule/internal/Workers"),
              file.getKey() + " depends on " + target);
        }
      }
    }
  }

  /** Top-level class (internal name) to the top-level classes of the runtime it refers to. */
  private static Map<String, Set<String>> dependencies() throws IOException, URISyntaxException {
    Path root = Path.of(Fast.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")).toList();
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path file : files) {
      String name = topLevel(root.relativize(file).toString().replace('\\', '/').replace(".class", ""));
      Set<String> targets = graph.computeIfAbsent(name, n -> new TreeSet<>());
      for (String text : utf8Constants(Files.readAllBytes(file))) {
        Matcher m = CLASS_NAME.matcher(text);
        while (m.find()) {
          String target = topLevel(m.group());
          if (!target.equals(name)) {
            targets.add(target);
          }
        }
      }
    }
    graph.values().forEach(targets -> targets.retainAll(graph.keySet()));
    return graph;
  }

  private static String topLevel(String internalName) {
    int nested = internalName.indexOf('$');
    return nested < 0 ? internalName : internalName.substring(0, nested);
  }

  /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4): class names, descriptors, signatures. */
  private static List<String> utf8Constants(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    in.readInt(); // magic
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> texts.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> { // Long, Double take two entries
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("constant pool tag " + tag + " at entry " + i);
      }
    }
    return texts;
  }

  /** A cycle as the files on it, the first one repeated at the end; empty if there is none. */
  private static List<String> findCycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new TreeMap<>(); // absent: unvisited, 1: on the path, 2: done
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(start, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    state.put(node, 1);
    path.add(node);
    for (String next : graph.get(node)) {
      List<String> cycle = visit(next, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return List.of();
  }
}
