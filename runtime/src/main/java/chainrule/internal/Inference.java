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

  private Inference() {}

  /** Predictions for {@code x} ({@code rows × inputs}): a new {@code rows × outputs} array. */
  public static float[] forward(float[] x, int rows, Layout layout, Training.Forward forward,
      Training.Outputs outputs) {
    Checks.batch("x", x, rows, layout.inputs());
    int inputs = layout.inputs();
    int outs = layout.outputs();
    float[] result = new float[rows * outs];
    if (rows <= CHUNK_ROWS) {
      forward.forward(x, rows);
      System.arraycopy(outputs.outputs(), 0, result, 0, rows * outs);
      return result;
    }
    float[] chunk = new float[CHUNK_ROWS * inputs];
    for (int from = 0; from < rows; from += CHUNK_ROWS) {
      int count = Math.min(CHUNK_ROWS, rows - from);
      System.arraycopy(x, from * inputs, chunk, 0, count * inputs);
      forward.forward(chunk, count);
      System.arraycopy(outputs.outputs(), 0, result, from * outs, count * outs);
    }
    return result;
  }

  /**
   * The network's loss on {@code data} (the row-weighted mean over chunks of {@link #CHUNK_ROWS} rows) and,
   * for classifiers, accuracy, the confusion matrix and (one Sigmoid output) ROC AUC.
   */
  public static Evaluation evaluate(Data data, Training.Network net) {
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
    int chunk = Math.min(CHUNK_ROWS, data.rows());
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
  static float measure(Data data, Training.Network net, float[] x, float[] y, int[] labels, Scores scores) {
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
