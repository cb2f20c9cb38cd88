package chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chainrule.Sgd;
import org.junit.jupiter.api.Test;

/** {@code threads(n)} changes who computes what, never a bit of the result. */
class ThreadCountTest {

  @Test
  void trainingIsBitIdenticalOnOneTwoAndThreeThreads() {
    MediumNet one = MediumNet.create(Case.SEED);
    MediumNet two = MediumNet.create(Case.SEED).threads(2);
    MediumNet three = MediumNet.create(Case.SEED).threads(3);
    float[] x = Case.MEDIUM.x();
    float[] y = Case.MEDIUM.y();
    Sgd sgd = new Sgd(0.1f);
    for (int step = 0; step < 20; step++) {
      float loss = one.trainStep(x, y, Case.MEDIUM.rows, sgd);
      assertEquals(loss, two.trainStep(x, y, Case.MEDIUM.rows, sgd), 0f, "2 threads, step " + step);
      assertEquals(loss, three.trainStep(x, y, Case.MEDIUM.rows, sgd), 0f, "3 threads, step " + step);
    }
    assertArrayEquals(one.linear1.weight(), two.linear1.weight());
    assertArrayEquals(one.linear2.weight(), three.linear2.weight());
    assertArrayEquals(one.forward(x, Case.MEDIUM.rows), two.forward(x, Case.MEDIUM.rows));
  }

  @Test
  void threadsMustBeBetweenOneAndSixtyFour() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MediumNet.create(Case.SEED).threads(0));
  }
}
