package chainrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeakyReLUTest {
  @Test
  void keepsItsSlopeAndPrintsIt() {
    LeakyReLU leaky = new LeakyReLU(0.2);
    assertEquals(0.2, leaky.negativeSlope());
    assertEquals("LeakyReLU(negativeSlope = 0.2)", leaky.toString());
    assertEquals(0.0, new LeakyReLU(0).negativeSlope());
  }

  @Test
  void rejectsASlopeTheKernelsCannotUse() {
    for (double bad : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(bad));
      assertTrue(e.getMessage().contains("negativeSlope must be finite and >= 0, was " + bad), e.getMessage());
    }
  }
}
