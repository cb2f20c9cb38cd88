package chainrule.internal;

import chainrule.TorchGenerator;

/**
 * What the training driver ({@link Training}) and {@link Inference} need of a generated network: its layout,
 * its live parameter and gradient arrays, its running statistics (BatchNorm1d's, if it has any), the threads
 * its optimizer's update may be split between ({@link Updates}), the generator that initialised it, its
 * evaluation-mode forward pass, its output buffer and its loss. The generated {@code fit} builds one with
 * {@link #ofTargets} or {@link #ofLabels}, from private fields and method references, so the network's public
 * API stays clean.
 */
public final class Trainee {
  /** A forward pass in evaluation mode over the first {@code rows} rows of {@code x}; no backward. */
  @FunctionalInterface
  public interface Forward {
    void forward(float[] x, int rows);
  }

  /** The network's output buffer: the predictions of its last pass, {@code rows × outputs} at its start. */
  @FunctionalInterface
  public interface Outputs {
    float[] outputs();
  }

  /** The network's loss of predictions against float targets, the mean over {@code rows × outputs}. */
  @FunctionalInterface
  public interface TargetLoss {
    float loss(float[] predictions, float[] y, int rows);
  }

  /** The network's loss of logits against class labels, the mean over {@code rows}. */
  @FunctionalInterface
  public interface LabelLoss {
    float loss(float[] logits, int[] labels, int rows);
  }


  final Layout layout;
  final float[] params;
  final float[] grads;
  /** Running mean and variance of its BatchNorm1d layers: saved with the parameters, never optimised; may be empty. */
  final float[] running;
  final TorchGenerator generator;
  /** The network's threads: {@link Training} splits the optimizer's update between them. */
  final Workers workers;
  final Forward forward;
  final Outputs outputs;
  final TargetLoss targetLoss;
  final LabelLoss labelLoss;

  private Trainee(Layout layout, float[] params, float[] grads, float[] running, TorchGenerator generator,
      Workers workers, Forward forward, Outputs outputs, TargetLoss targetLoss, LabelLoss labelLoss) {
    Checks.notNull("layout", layout);
    Checks.notNull("params", params);
    Checks.notNull("grads", grads);
    Checks.notNull("running", running);
    Checks.notNull("generator", generator);
    Checks.notNull("workers", workers);
    Checks.notNull("forward", forward);
    Checks.notNull("outputs", outputs);
    Checks.sameLength(params, grads);
    int[] offsets = layout.parameterOffsets();
    if (offsets[offsets.length - 1] >= params.length) {
      throw new IllegalArgumentException("the last parameter block starts at " + offsets[offsets.length - 1]
          + ", beyond params' " + params.length + " floats");
    }
    this.layout = layout;
    this.params = params;
    this.grads = grads;
    this.running = running;
    this.generator = generator;
    this.workers = workers;
    this.forward = forward;
    this.outputs = outputs;
    this.targetLoss = targetLoss;
    this.labelLoss = labelLoss;
  }

  /** A network trained on float targets (BCE, MSE). */
  public static Trainee ofTargets(Layout layout, float[] params, float[] grads, TorchGenerator generator,
      Forward forward, Outputs outputs, TargetLoss loss) {
    Checks.notNull("loss", loss);
    if (layout.targets() == Layout.Targets.CLASSES) {
      throw new IllegalArgumentException("a network with class labels needs ofLabels, not ofTargets");
    }
    return new Trainee(layout, params, grads, new float[0], generator, Workers.of(1), forward, outputs, loss, null);
  }

  /** A network trained on class labels (cross-entropy). */
  public static Trainee ofLabels(Layout layout, float[] params, float[] grads, TorchGenerator generator,
      Forward forward, Outputs outputs, LabelLoss loss) {
    Checks.notNull("loss", loss);
    if (layout.targets() != Layout.Targets.CLASSES) {
      throw new IllegalArgumentException("a network with float targets needs ofTargets, not ofLabels");
    }
    return new Trainee(layout, params, grads, new float[0], generator, Workers.of(1), forward, outputs, null, loss);
  }

  /**
   * This network with its running statistics ({@code running}, the live array its BatchNorm1d layers update
   * in training): backups, saved checkpoints, {@code restoreBest} and a diverged epoch's rollback carry them
   * with the parameters.
   */
  public Trainee withRunningStatistics(float[] running) {
    return new Trainee(layout, params, grads, running, generator, workers, forward, outputs, targetLoss, labelLoss);
  }

  /** This network with its threads ({@code threads(n)}'s), which its optimizer's update is split between. */
  public Trainee withWorkers(Workers workers) {
    return new Trainee(layout, params, grads, running, generator, workers, forward, outputs, targetLoss, labelLoss);
  }
}
