package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearViewTest {
  private final float[] params = {9, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  private final float[] grads = {0, 10, 20, 30, 40, 50, 60, 70, 80, 0};
  // Linear(3, 2) at offset 1: weight 2 × 3 = params[1..7), bias params[7..9)
  private final LinearView linear = new LinearView(params, grads, 1, 3, 2);

  @Test
  void isAViewOfTheFlatArraysInTorchLayout() {
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, linear.weight());
    assertArrayEquals(new float[] {7, 8}, linear.bias());
    assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60}, linear.weightGrad());
    assertArrayEquals(new float[] {70, 80}, linear.biasGrad());
    params[7] = -1;
    assertArrayEquals(new float[] {-1, 8}, linear.bias(), "reads the live array");
    assertEquals(8, LinearView.parameterCount(3, 2));
  }

  @Test
  void gettersReturnCopies() {
    linear.weight()[0] = 100;
    assertEquals(1f, params[1]);
  }

  @Test
  void settersCopyIntoTheFlatArray() {
    linear.setWeight(new float[] {6, 5, 4, 3, 2, 1});
    linear.setBias(new float[] {0, -1});
    assertArrayEquals(new float[] {9, 6, 5, 4, 3, 2, 1, 0, -1, 9}, params);
  }

  @Test
  void badArgumentsNameTheArgumentAndBothValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linear.setWeight(new float[5]));
    assertEquals("weight must have 6 floats, was 5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> linear.setBias(null));
    assertTrue(e.getMessage().startsWith("bias must not be null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LinearView(params, grads, 3, 3, 2));
    assertTrue(e.getMessage().contains("offset 3 + 8 parameters") && e.getMessage().contains("length 10"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LinearView(params, grads, 0, 0, 2));
    assertEquals("in must be > 0, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LinearView(params, new float[3], 0, 1, 1));
    assertTrue(e.getMessage().contains("expected length 10, was 3"), e.getMessage());
  }
}
