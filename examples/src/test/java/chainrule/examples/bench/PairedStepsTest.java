package chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class PairedStepsTest {
  @Test
  void theBiasOfPositionCancels() {
    double r = 0.9; // B takes 0.9 of A's time
    double bias = 1.03; // whichever build is loaded second takes 3% longer
    double[] aFirst = {1, r * bias}; // {A, B}
    double[] bFirst = {r, bias}; // {B, A}
    assertEquals(r, PairedSteps.unbiased(aFirst, bFirst), 1e-12);
    assertEquals(r, PairedSteps.unbiased(new double[] {2, 2 * r / bias}, new double[] {2 * r, 2 / bias}), 1e-12);
  }

  @Test
  void eachBuildStepsItsOwnCopyOfChainrule() throws Exception {
    String build = System.getProperty("java.class.path");
    try (URLClassLoader one = PairedSteps.loader(build); URLClassLoader two = PairedSteps.loader(build)) {
      Runnable a = PairedSteps.stepper(one, "--a", "xor");
      Runnable b = PairedSteps.stepper(two, "--b", "xor");
      assertNotSame(a.getClass().getClassLoader(), b.getClass().getClassLoader());
      assertNotEquals(PairedSteps.class.getClassLoader(), a.getClass().getClassLoader());
      assertEquals(one, a.getClass().getClassLoader());
      assertEquals(two, b.getClass().getClassLoader());
      // and the runtime too: the network's classes are the build's, not this test's
      Class<?> trainable = one.loadClass("chainrule.Trainable");
      assertNotEquals(chainrule.Trainable.class, trainable);
      a.run();
      b.run();
    }
  }
}
