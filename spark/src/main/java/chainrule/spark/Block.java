package chainrule.spark;

import java.io.Serializable;

/**
 * One partition's rows, packed once into the arrays a network takes (row-major, like {@code chainrule.Data}),
 * so that the steps never parse a {@code Row} again. Cached by Spark in memory as a Java object.
 * Exactly one of {@code y} (float targets, {@code rows × outputs}) and {@code labels} (class indices) is set.
 */
final class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  final int rows;
  final float[] x; // rows × inputs
  final float[] y; // rows × outputs, or null
  final int[] labels; // rows, or null

  Block(int partition, int rows, float[] x, float[] y, int[] labels) {
    this.partition = partition;
    this.rows = rows;
    this.x = x;
    this.y = y;
    this.labels = labels;
  }

  int inputs() {
    return rows == 0 ? 0 : x.length / rows;
  }
}
