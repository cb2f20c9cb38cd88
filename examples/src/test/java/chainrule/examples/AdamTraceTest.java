package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Adam;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Adam} on the lecture's xor-nn against torch.optim.Adam (src/test/resources/reference/adam_xor_nn.py). */
class AdamTraceTest {

  @Test
  void followsTorchOptimAdamOnXorNn() {
    Map<Integer, Double> torch = LectureTraceTest.trace("/reference/adam_xor_nn.txt");
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    Adam adam = new Adam(0.03f);
    for (int step = 0; step <= 1000; step++) {
      float cost = net.trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, adam);
      Double expected = torch.get(step);
      if (expected != null) {
        double relative = Math.abs(cost - expected) / expected;
        assertTrue(relative < 1e-4, "step " + step + ": torch " + expected + ", chainrule " + cost);
      }
    }
    assertEquals(21, torch.size(), "reference steps read");
    assertEquals(1001, adam.steps());
  }

  @Test
  void anAdamBelongsToOneNetwork() {
    Adam adam = new Adam(0.01f);
    XorNnNet.create(1).trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, adam);
    XorWideDeepNet other = XorWideDeepNet.create(1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> other.trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, adam));
    assertTrue(e.getMessage().contains("use one Adam per network"), e.getMessage());
    assertTrue(e.getMessage().contains("float[9]@") && e.getMessage().contains("float[261]@"), e.getMessage());
  }
}
