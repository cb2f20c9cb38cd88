package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chainrule.Linear;
import chainrule.Sgd;
import chainrule.Trainable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Trainable}'s flat view of the parameters: PyTorch's order ({@code model.parameters()}: each
 * Linear's weight, then its bias, layer by layer), copies in and out, a checked length; and what generic
 * code reaches through the interface alone.
 */
class FlatParametersTest {

  @Test
  void parametersAreEachLayersWeightThenBiasInFieldOrder() {
    XorWideDeepNet net = XorWideDeepNet.create(Lecture.SEED);
    List<Linear> layers = List.of(net.linear1, net.linear2, net.linear3, net.linear4);
    float[] expected = new float[0];
    for (Linear layer : layers) {
      expected = concat(expected, layer.weight(), layer.bias());
    }
    assertEquals(2 * 10 + 10 + 2 * (10 * 10 + 10) + 10 + 1, expected.length);
    assertEquals(expected.length, net.parameterCount());
    assertEquals(XorWideDeepNet.PARAMETER_COUNT, net.parameterCount());
    assertArrayEquals(expected, net.parameters());
  }

  @Test
  void parametersIsACopy() {
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    float[] first = net.parameters();
    first[0] += 1f;
    assertNotSame(first, net.parameters());
    assertEquals(first[0] - 1f, net.parameters()[0]);
  }

  @Test
  void setParametersCopiesAllOfThemInTheSameOrder() {
    XorNnNet trained = XorNnNet.create(Lecture.SEED);
    Sgd sgd = new Sgd(1f);
    for (int step = 0; step < 500; step++) {
      trained.trainStep(Lecture.X, Lecture.Y, Lecture.ROWS, sgd);
    }
    float[] values = trained.parameters();
    XorNnNet other = XorNnNet.create(1);
    other.setParameters(values);
    values[0] = 42f; // a copy was taken
    assertArrayEquals(trained.parameters(), other.parameters());
    assertArrayEquals(trained.linear2.weight(), other.linear2.weight());
    assertArrayEquals(trained.forward(Lecture.X, Lecture.ROWS), other.forward(Lecture.X, Lecture.ROWS));
  }

  @Test
  void setParametersChecksTheLengthAndChangesNothingOnFailure() {
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    float[] before = net.parameters();
    IllegalArgumentException shorter =
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new float[8]));
    assertTrue(shorter.getMessage().contains("values must have 9 floats, was 8"), shorter.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> net.setParameters(null));
    assertTrue(none.getMessage().contains("values must not be null"), none.getMessage());
    assertArrayEquals(before, net.parameters());
  }

  @Test
  void threadsThroughTheInterfaceReturnsTheSameNetwork() {
    XorNnNet net = XorNnNet.create(Lecture.SEED);
    Trainable trainable = net;
    assertSame(net, trainable.threads(2));
    assertSame(net, net.threads(1)); // covariant: no cast needed
  }

  private static float[] concat(float[] first, float[]... more) {
    int length = first.length;
    for (float[] m : more) {
      length += m.length;
    }
    float[] all = java.util.Arrays.copyOf(first, length);
    int at = first.length;
    for (float[] m : more) {
      System.arraycopy(m, 0, all, at, m.length);
      at += m.length;
    }
    return all;
  }
}
