package chainrule.examples.bench;

import chainrule.examples.XorNnNet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import chainrule.Sgd;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline computes what the generated step computes: the same losses, bit for bit. */
class HandWrittenXorTest {

  @Test
  void handWrittenStepIsTheGeneratedStep() {
    XorNnNet net = XorNnNet.create(Case.SEED);
    HandWrittenXor hand = new HandWrittenXor(net.linear1, net.linear2);
    Sgd sgd = new Sgd(Case.XOR.lr);
    float[] x = Case.XOR.x();
    float[] y = Case.XOR.y();
    for (int step = 0; step < 3000; step++) {
      float generated = net.trainStep(x, y, 4, sgd);
      float handWritten = hand.trainStep(x, y, Case.XOR.lr);
      assertEquals(Float.floatToRawIntBits(generated), Float.floatToRawIntBits(handWritten),
          "step " + step + ": generated " + generated + ", hand-written " + handWritten);
    }
  }
}
