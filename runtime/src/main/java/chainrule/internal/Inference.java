package chainrule.internal;

import chainrule.Data;
import chainrule.Evaluation;

/**
 * Forward passes only, in chunks of bounded size: a network's activation buffers grow to the largest
 * chunk, not to the whole input, and nothing is kept for a backward pass. What a generated
 * {@code predict}/{@code evaluate} and {@code fit}'s validation call.
 */
public final class Inference {
  /** Rows per forward pass when nothing else bounds them. */
  public static final int CHUNK_ROWS = 1024;
  /** Floats the forward buffers of one chunk hold at most (16 MiB), when a row is wide: see {@link #chunkRows}. */
  public static final long CHUNK_FLOATS = 1L << 22;

  private Inference() {}

  /** Predictions for {@code x} ({@code rows × inputs}): a new {@code rows × outputs} array. */
  public static float[] forward(float[] x, int rows, Layout layout, Trainee.Forward forward,
      Trainee.Outputs outputs) {
    return forward(x, rows, CHUNK_ROWS, layout, forward, outputs);
  }

  /**
   * Like {@link #forward(float[], int, Layout, Trainee.Forward, Trainee.Outputs)}, at most {@code chunkRows}
   * rows a pass: what a network whose rows are wide passes, so that its buffers stay small (see
   * {@link #chunkRows}).
   */
  public static float[] forward(float[] x, int rows, int chunkRows, Layout layout, Trainee.Forward forward,
      Trainee.Outputs outputs) {
    Checks.batch("x", x, rows, layout.inputs());
    Checks.positive("chunkRows", chunkRows);
    int inputs = layout.inputs();
    int outs = layout.outputs();
    if ((long) rows * outs > Buffers.MAX_LENGTH) {
      throw new IllegalArgumentException("the predictions of rows = " + rows + " are rows × " + outs + " = "
          + (long) rows * outs + " floats, more than a Java array holds (" + Buffers.MAX_LENGTH + ")");
    }
    float[] result = new float[rows * outs];
    if (rows <= chunkRows) {
      forward.forward(x, rows);
      System.arraycopy(outputs.outputs(), 0, result, 0, rows * outs);
      return result;
    }
    float[] chunk = new float[chunkRows * inputs];
    for (int from = 0; from < rows; from += chunkRows) {
      int count = Math.min(chunkRows, rows - from);
      System.arraycopy(x, from * inputs, chunk, 0, count * inputs);
      forward.forward(chunk, count);
      System.arraycopy(outputs.outputs(), 0, result, from * outs, count * outs);
    }
    return result;
  }

  /**
   * Rows per inference pass for a network whose forward buffers take {@code floatsPerRow} floats a row
   * together: {@link #CHUNK_ROWS}, or fewer so that they stay within {@link #CHUNK_FLOATS} (at least one row).
   */
  public static int chunkRows(long floatsPerRow) {
    if (floatsPerRow <= 0) {
      throw new IllegalArgumentException("floatsPerRow must be > 0, was " + floatsPerRow);
    }
    return (int) Math.max(1, Math.min(CHUNK_ROWS, CHUNK_FLOATS / floatsPerRow));
  }

  /**
   * The network's loss on {@code data} (the row-weighted mean over chunks of {@link #CHUNK_ROWS} rows) and,
   * for classifiers, accuracy, the confusion matrix and (one Sigmoid output) ROC AUC.
   */
  public static Evaluation evaluate(Data data, Trainee net) {
    return evaluate(data, net, CHUNK_ROWS);
  }

  /** Like {@link #evaluate(Data, Trainee)}, at most {@code chunkRows} rows a pass. */
  public static Evaluation evaluate(Data data, Trainee net, int chunkRows) {
    Checks.positive("chunkRows", chunkRows);
    Checks.notNull("data", data);
    Checks.notNull("network", net);
    TrainingChecks.data("data", data, net.layout);
    Layout layout = net.layout;
    Layout.Targets targets = layout.targets();
    boolean classifier = targets == Layout.Targets.CLASSES
        || (targets == Layout.Targets.PROBABILITIES && layout.outputs() == 1);
    boolean auc = targets == Layout.Targets.PROBABILITIES && layout.outputs() == 1;
    Scores scores = targets == Layout.Targets.VALUES ? null
        : new Scores(targets, layout.outputs(), data.rows(), auc, classifier);
    int chunk = Math.min(chunkRows, data.rows());
    float[] x = new float[chunk * layout.inputs()];
    float[] y = targets == Layout.Targets.CLASSES ? null : new float[chunk * layout.outputs()];
    int[] labels = targets == Layout.Targets.CLASSES ? new int[chunk] : null;
    float loss = measure(data, net, x, y, labels, scores);
    return new Evaluation(data.rows(), loss, scores == null ? Float.NaN : scores.accuracy(),
        auc ? scores.auc() : Float.NaN, classifier ? scores.confusion() : null);
  }

  /**
   * The mean loss of {@code data}, chunk by chunk through the buffers {@code x} and {@code y} (or
   * {@code labels}), each chunk as many rows as {@code x} holds; predictions into {@code scores} if not
   * null. Allocates nothing.
   */
  static float measure(Data data, Trainee net, float[] x, float[] y, int[] labels, Scores scores) {
    if (scores != null) {
      scores.reset();
    }
    int chunk = x.length / net.layout.inputs();
    double sum = 0;
    for (int from = 0; from < data.rows(); from += chunk) {
      int count = Math.min(chunk, data.rows() - from);
      float loss;
      if (y != null) {
        data.gather(null, from, count, x, y);
        net.forward.forward(x, count);
        float[] out = net.outputs.outputs();
        loss = net.targetLoss.loss(out, y, count);
        if (scores != null) {
          scores.add(out, y, count);
        }
      } else {
        data.gather(null, from, count, x, labels);
        net.forward.forward(x, count);
        float[] out = net.outputs.outputs();
        loss = net.labelLoss.loss(out, labels, count);
        if (scores != null) {
          scores.add(out, labels, count);
        }
      }
      sum += (double) loss * count;
    }
    return (float) (sum / data.rows());
  }
}
