package chainrule.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoresTest {
  /** Accuracy counts the class predict names, NaN logits included (torch.argmax: the first NaN is the largest). */
  @Test
  void accuracyCountsTheClassPredictNames() {
    float[] logits = {1f, Float.NaN, 3f, /* row 2 */ 5f, 2f, 9f, /* row 3 */ Float.NaN, 7f, Float.NaN};
    int[] predicted = new int[3];
    Kernels.argmax(predicted, logits, 3, 3);
    assertEquals(1, predicted[0]);
    assertEquals(2, predicted[1]);
    assertEquals(0, predicted[2]);
    Scores scores = new Scores(Layout.Targets.CLASSES, 3, 3, false, false);
    scores.add(logits, new int[] {1, 2, 1}, 3); // right, right, wrong
    assertEquals(2f / 3f, scores.accuracy());
  }
}
