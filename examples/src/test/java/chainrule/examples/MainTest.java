package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void theLectureRunsTheProgramsBeforeItAndTheOthersComeAfter() {
    List<String> names = new ArrayList<>(Main.programs().keySet());
    int lecture = names.indexOf("lecture");
    assertEquals(List.of("xor", "xor-nn", "xor-nn-wide-deep", "xor-backprop", "compare"), names.subList(0, lecture));
    assertEquals(List.of("bench", "first-step", "breast-cancer", "xor-boundary", "mnist-softmax", "mnist-nn", "mnist-nn-xavier",
        "mnist-nn-deep", "mnist-nn-dropout", "mnist-batchnorm", "mnist-backprop",
        "compare-mnist"), names.subList(lecture + 1, names.size()));
  }
}
