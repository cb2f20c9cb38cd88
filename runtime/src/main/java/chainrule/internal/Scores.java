package chainrule.internal;

/**
 * Accumulates the metrics of a network's predictions over batches: accuracy, ROC AUC (one Sigmoid output)
 * and the confusion matrix. Allocates its arrays once, for at most {@code capacity} rows; adding a batch
 * and reading the results allocate nothing.
 */
final class Scores {
  private final Layout.Targets targets;
  private final int outputs;
  private final boolean auc;
  private final long[] keys; // for AUC: the sortable bits of each score, then the label in the lowest bit
  private final long[][] confusion; // [true][predicted]; null when not asked for
  private long correct;
  private long counted;
  private int scored;

  Scores(Layout.Targets targets, int outputs, int capacity, boolean auc, boolean confusion) {
    this.targets = targets;
    this.outputs = outputs;
    this.auc = auc;
    this.keys = auc ? new long[capacity] : null;
    int classes = targets == Layout.Targets.CLASSES ? outputs : 2;
    this.confusion = confusion ? new long[classes][classes] : null;
  }

  void reset() {
    correct = 0;
    counted = 0;
    scored = 0;
    if (confusion != null) {
      for (long[] row : confusion) {
        java.util.Arrays.fill(row, 0);
      }
    }
  }

  /** Predictions {@code p} ({@code rows × outputs} probabilities) against float targets {@code y}. */
  void add(float[] p, float[] y, int rows) {
    int n = rows * outputs;
    for (int i = 0; i < n; i++) {
      // BCE: predicted class p > 0.5, true class y > 0.5, as the lecture's (hypothesis > 0.5) == Y
      int predicted = p[i] > 0.5f ? 1 : 0;
      int actual = y[i] > 0.5f ? 1 : 0;
      correct += predicted == actual ? 1 : 0;
      if (confusion != null) {
        confusion[actual][predicted]++;
      }
      if (auc) {
        keys[scored++] = sortable(p[i]) << 1 | actual;
      }
    }
    counted += n;
  }

  /**
   * Logits ({@code rows × classes}) against class labels: the predicted class is {@code predict}'s,
   * {@link Kernels#argmax}'s (the first largest logit, or the first NaN, as {@code torch.argmax}).
   */
  void add(float[] logits, int[] labels, int rows) {
    for (int r = 0; r < rows; r++) {
      int predicted = Kernels.argmax(logits, r * outputs, outputs);
      correct += predicted == labels[r] ? 1 : 0;
      if (confusion != null) {
        confusion[labels[r]][predicted]++;
      }
    }
    counted += rows;
  }

  float accuracy() {
    return counted == 0 ? Float.NaN : (float) ((double) correct / counted);
  }

  /**
   * The area under the ROC curve of the scores added so far: the chance that a positive outscores a
   * negative, ties counting half (the Mann-Whitney U statistic over positives × negatives). NaN if either
   * class is missing. Sorts the keys in place (heap sort: no allocation).
   */
  float auc() {
    heapSort(keys, scored);
    long positives = 0;
    long negatives = 0;
    double wins = 0;
    for (int i = 0; i < scored; ) {
      long score = keys[i] >>> 1;
      long groupPositives = 0;
      long groupNegatives = 0;
      for (; i < scored && keys[i] >>> 1 == score; i++) {
        if ((keys[i] & 1) == 1) {
          groupPositives++;
        } else {
          groupNegatives++;
        }
      }
      wins += groupPositives * (negatives + 0.5 * groupNegatives);
      positives += groupPositives;
      negatives += groupNegatives;
    }
    return positives == 0 || negatives == 0 ? Float.NaN : (float) (wins / ((double) positives * negatives));
  }

  long[][] confusion() {
    return confusion;
  }

  boolean hasAuc() {
    return auc;
  }

  Layout.Targets targets() {
    return targets;
  }

  /** A float's bits as a non-negative long that orders like the float (-0 before +0, NaN last). */
  private static long sortable(float value) {
    int bits = Float.floatToIntBits(value);
    int ordered = bits < 0 ? ~bits : bits | 0x80000000;
    return Integer.toUnsignedLong(ordered);
  }

  private static void heapSort(long[] a, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(a, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      long top = a[0];
      a[0] = a[end];
      a[end] = top;
      siftDown(a, 0, end);
    }
  }

  private static void siftDown(long[] a, int i, int n) {
    long value = a[i];
    for (int child = 2 * i + 1; child < n; child = 2 * i + 1) {
      if (child + 1 < n && a[child + 1] > a[child]) {
        child++;
      }
      if (a[child] <= value) {
        break;
      }
      a[i] = a[child];
      i = child;
    }
    a[i] = value;
  }
}
