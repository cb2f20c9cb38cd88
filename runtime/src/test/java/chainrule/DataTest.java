package chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataTest {
  /** 10 rows, 2 features: row r is (r, 10 r); target r % 2. */
  private static Data tenRows() {
    float[] x = new float[20];
    float[] y = new float[10];
    for (int r = 0; r < 10; r++) {
      x[2 * r] = r;
      x[2 * r + 1] = 10 * r;
      y[r] = r % 2;
    }
    return Data.of(x, y, 10);
  }

  @Test
  void widthsFollowFromTheLengths() {
    Data data = tenRows();
    assertEquals(10, data.rows());
    assertEquals(2, data.inputs());
    assertEquals(1, data.outputs());
    assertEquals(70f, data.feature(7, 1));
    assertEquals(1f, data.target(7, 0));
    assertEquals("Data(10 rows × 2 features, 1 target)", data.toString());
    Data labelled = Data.labels(new float[] {1, 2, 3}, new int[] {0, 4, 2}, 3);
    assertEquals(5, labelled.classes());
    assertEquals(4, labelled.label(1));
    assertEquals("Data(3 rows × 1 features, class labels)", labelled.toString());
  }

  @Test
  void badShapesAreNamed() {
    assertEquals("rows must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> Data.of(new float[0], new float[0], 0)).getMessage());
    assertEquals("x must hold rows × columns floats for rows = 3, was 7 floats (not a positive multiple of 3)",
        assertThrows(IllegalArgumentException.class, () -> Data.of(new float[7], new float[3], 3)).getMessage());
    assertEquals("y must not be null",
        assertThrows(IllegalArgumentException.class, () -> Data.of(new float[3], null, 3)).getMessage());
    assertEquals("labels must have one int per row, 3, was 2",
        assertThrows(IllegalArgumentException.class, () -> Data.labels(new float[3], new int[2], 3)).getMessage());
    assertEquals("labels[1] must be a class index in [0, 2147483647), was -1",
        assertThrows(IllegalArgumentException.class, () -> Data.labels(new float[3], new int[] {0, -1, 0}, 3))
            .getMessage());
    assertEquals("row must be in [0, 10), was 10",
        assertThrows(IllegalArgumentException.class, () -> tenRows().feature(10, 0)).getMessage());
    assertThrows(IllegalStateException.class, () -> tenRows().label(0));
  }

  @Test
  void viewsShareTheRowsAndGatherCopiesThemInOrder() {
    Data data = tenRows();
    Data view = data.slice(2, 8).select(5, 0, 3); // rows 7, 2, 5 of the original
    assertEquals(3, view.rows());
    assertArrayEquals(new float[] {7, 70, 2, 20, 5, 50}, view.features());
    assertArrayEquals(new float[] {1, 0, 1}, view.targets());
    float[] x = new float[8];
    float[] y = new float[4];
    Arrays.fill(x, -1);
    view.gather(new int[] {9, 2, 0}, 1, 2, x, y); // order[1..3) = rows 2, 0 of the view
    assertArrayEquals(new float[] {5, 50, 7, 70, -1, -1, -1, -1}, x);
    assertArrayEquals(new float[] {1, 1, 0, 0}, y);
    view.gather(null, 1, 2, x, y); // no order: rows 1, 2
    assertArrayEquals(new float[] {2, 20, 5, 50}, Arrays.copyOf(x, 4));
  }

  @Test
  void splitIsStratifiedSeededAndNeverTheEndOfTheFile() {
    // 100 rows sorted by class like iris: 60 of class 0, then 40 of class 1
    int rows = 100;
    float[] x = new float[rows];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      x[r] = r;
      labels[r] = r < 60 ? 0 : 1;
    }
    Data data = Data.labels(x, labels, rows);
    Data.Split split = data.split(0.25, 7);
    assertEquals(75, split.train().rows());
    assertEquals(25, split.validation().rows());
    int[] heldClasses = new int[2];
    for (int r = 0; r < 25; r++) {
      heldClasses[split.validation().label(r)]++;
    }
    assertArrayEquals(new int[] {15, 10}, heldClasses, "each class gives a quarter of its rows");
    float[] held = split.validation().features();
    float[] kept = split.train().features();
    for (int r = 1; r < held.length; r++) {
      assertTrue(held[r - 1] < held[r], "file order kept");
    }
    float[] all = new float[rows];
    System.arraycopy(held, 0, all, 0, 25);
    System.arraycopy(kept, 0, all, 25, 75);
    Arrays.sort(all);
    assertArrayEquals(x, all, "every row in exactly one part");
    assertTrue(held[0] < 75, "not the last 25 rows of the file (Keras' validation_split): " + Arrays.toString(held));
    assertArrayEquals(held, data.split(0.25, 7).validation().features(), "the same seed, the same split");
    assertTrue(!Arrays.equals(held, data.split(0.25, 8).validation().features()), "another seed, another split");
  }

  @Test
  void splitStratifiesBinaryTargetsAndRefusesEmptyParts() {
    Data data = tenRows();
    Data.Split split = data.split(0.4, 1);
    float[] held = split.validation().targets();
    assertEquals(4, held.length);
    assertEquals(2f, held[0] + held[1] + held[2] + held[3], "two of each class");
    assertEquals("fraction 0.01 of 10 rows leaves no row for validation",
        assertThrows(IllegalArgumentException.class, () -> data.split(0.01, 1)).getMessage());
    assertEquals("fraction must be in (0, 1), was 1.0",
        assertThrows(IllegalArgumentException.class, () -> data.split(1, 1)).getMessage());
  }

  @Test
  void standardizerIsFittedOnTrainingRowsOnly() {
    Data data = tenRows();
    Data.Split split = data.split(0.2, 3);
    Standardizer s = Standardizer.fit(split.train());
    float[] train = s.apply(split.train()).features();
    double sum = 0;
    double squares = 0;
    for (int r = 0; r < 8; r++) {
      sum += train[2 * r];
      squares += train[2 * r] * train[2 * r];
    }
    assertEquals(0, sum / 8, 1e-6);
    assertEquals(1, squares / 8, 1e-6, "population variance 1");
    Data validation = s.apply(split.validation());
    float original = split.validation().feature(0, 0);
    assertEquals((float) ((original - s.mean(0)) / s.std(0)), validation.feature(0, 0));
    assertArrayEquals(split.validation().targets(), validation.targets(), "targets kept");
    Standardizer constant = Standardizer.fit(Data.of(new float[] {3, 3, 3}, new float[3], 3));
    assertEquals(1, constant.std(0));
    assertArrayEquals(new float[] {0, 0}, constant.apply(new float[] {3, 3}, 2));
    assertEquals("data has 2 features per row; this standardizer was fitted on 1",
        assertThrows(IllegalArgumentException.class, () -> constant.apply(data)).getMessage());
  }

  @Test
  void standardizerRefusesNonFiniteFeaturesAndColumnsItDoesNotHave() {
    float[] x = {1, 2, Float.NaN, 4};
    assertEquals("data row 1, feature 0 is NaN; a standardizer is fitted on finite features",
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Data.of(x, new float[2], 2)))
            .getMessage());
    Standardizer s = Standardizer.fit(tenRows());
    assertEquals("column must be in [0, 2), was 2", assertThrows(IllegalArgumentException.class, () -> s.mean(2))
        .getMessage());
    assertEquals("column must be in [0, 2), was -1", assertThrows(IllegalArgumentException.class, () -> s.std(-1))
        .getMessage());
  }

  /** Labels as large as an int allows: classes() fits, and split stratifies them by rank, not by size. */
  @Test
  void largeLabelsSplitLikeSmallOnes() {
    int[] small = {0, 1, 0, 1, 0, 1, 0, 1, 2, 2};
    int[] large = new int[small.length];
    for (int r = 0; r < small.length; r++) {
      large[r] = small[r] == 2 ? Integer.MAX_VALUE - 1 : small[r] << 30;
    }
    Data a = Data.labels(tenRows().features(), small, 10);
    Data b = Data.labels(tenRows().features(), large, 10);
    assertEquals(Integer.MAX_VALUE, b.classes());
    assertArrayEquals(a.split(0.3, 5).validation().features(), b.split(0.3, 5).validation().features());
    assertEquals("labels[1] must be a class index in [0, 2147483647), was 2147483647",
        assertThrows(IllegalArgumentException.class,
            () -> Data.labels(new float[2], new int[] {0, Integer.MAX_VALUE}, 2)).getMessage());
  }

  @Test
  void gatherNamesWhatDoesNotFit() {
    Data data = tenRows();
    float[] x = new float[4];
    float[] y = new float[2];
    assertEquals("from, count must pick rows in [0, 10) of this data set, were 9, 2",
        assertThrows(IllegalArgumentException.class, () -> data.gather(null, 9, 2, x, y)).getMessage());
    assertEquals("from, count must pick rows in [0, 1) of order, were 0, -1",
        assertThrows(IllegalArgumentException.class, () -> data.gather(new int[] {0}, 0, -1, x, y)).getMessage());
    assertEquals("order[1] must be in [0, 10), was 10",
        assertThrows(IllegalArgumentException.class, () -> data.gather(new int[] {3, 10}, 0, 2, x, y)).getMessage());
    assertEquals("xOut must hold count × inputs = 4 floats, was null",
        assertThrows(IllegalArgumentException.class, () -> data.gather(null, 0, 2, null, y)).getMessage());
    assertEquals("yOut must hold 2 values for 2 rows, was 1",
        assertThrows(IllegalArgumentException.class, () -> data.gather(null, 0, 2, x, new float[1])).getMessage());
    Data labelled = Data.labels(new float[20], new int[10], 10);
    assertEquals("labelsOut must hold 2 values for 2 rows, was null",
        assertThrows(IllegalArgumentException.class, () -> labelled.gather(null, 0, 2, x, (int[]) null))
            .getMessage());
    data.gather(new int[] {7, 2}, 0, 2, x, y);
    assertArrayEquals(new float[] {7, 70, 2, 20}, x);
  }
}
