package chainrule;

import static chainrule.internal.Checks.notNull;
import static chainrule.internal.Checks.positive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How {@code net.fit(data, fit)} trains: an immutable set of options, each method returning a new
 * {@code Fit}. Only the number of epochs and an optimizer are needed:
 *
 * <pre>
 * History history = net.fit(train, Fit.epochs(100).optimizer(new Adam(0.01f))
 *     .batchSize(64).shuffle(true)
 *     .validationSplit(0.2).metrics(Metric.ACCURACY)
 *     .earlyStopping(10).restoreBest(true)
 *     .backup(Path.of("run.backup")));
 * </pre>
 *
 * The defaults are the lecture's: every row in one batch, in file order, every epoch.
 */
public final class Fit {
  /** Seed of {@link #validationSplit(double)}'s shuffle. */
  public static final long DEFAULT_SPLIT_SEED = 0;

  private final Options o;

  private Fit(Options o) {
    this.o = o;
  }

  /** Train for {@code n} epochs (passes over the training rows), {@code n > 0}. */
  public static Fit epochs(int n) {
    positive("epochs", n);
    Options o = new Options();
    o.epochs = n;
    return new Fit(o);
  }

  /** Rows per step, {@code > 0}; larger than the data set means all rows. Default: all rows. */
  public Fit batchSize(int rows) {
    positive("batchSize", rows);
    return with(c -> c.batchSize = rows);
  }

  /**
   * Visit the rows of each epoch in a new random order, exactly PyTorch's
   * {@code DataLoader(shuffle=True)} after {@code torch.manual_seed(seed)} and the same layers: the
   * network draws from the generator that initialised it. Default false (file order); either way each
   * epoch takes PyTorch's one draw for the loader's base seed.
   */
  public Fit shuffle(boolean shuffle) {
    return with(c -> c.shuffle = shuffle);
  }

  /** Skip each epoch's last batch when it is short, like {@code DataLoader(drop_last=True)}. Default false. */
  public Fit dropLast(boolean dropLast) {
    return with(c -> c.dropLast = dropLast);
  }

  /** The optimizer of the steps (required). An optimizer with state belongs to one network. */
  public Fit optimizer(Optimizer optimizer) {
    notNull("optimizer", optimizer);
    return with(c -> c.optimizer = optimizer);
  }

  /** Measure the loss (and metrics) on these rows after every epoch; they must have the training rows' widths. */
  public Fit validation(Data validation) {
    notNull("validation", validation);
    return with(c -> {
      c.validation = validation;
      c.validationFraction = 0;
    });
  }

  /**
   * Hold out {@code fraction} of the training rows for validation: {@code train.split(fraction,
   * DEFAULT_SPLIT_SEED)}, stratified, after a seeded shuffle, never the end of the file (see
   * {@link Data#split}).
   */
  public Fit validationSplit(double fraction) {
    return validationSplit(fraction, DEFAULT_SPLIT_SEED);
  }

  /** Like {@link #validationSplit(double)}, with the split's own seed. */
  public Fit validationSplit(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
    }
    return with(c -> {
      c.validation = null;
      c.validationFraction = fraction;
      c.splitSeed = seed;
    });
  }

  /** Also measure these, on the training rows (running, over each epoch) and on the validation rows. */
  public Fit metrics(Metric... metrics) {
    notNull("metrics", metrics);
    EnumSet<Metric> set = EnumSet.noneOf(Metric.class);
    for (Metric m : metrics) {
      notNull("metrics[i]", m);
      set.add(m);
    }
    return with(c -> c.metrics = set);
  }

  /**
   * What makes an epoch the best, with its usual mode (losses smaller, metrics larger). Default:
   * {@link Monitor#VAL_LOSS} with validation rows, else {@link Monitor#LOSS}.
   */
  public Fit monitor(Monitor monitor) {
    notNull("monitor", monitor);
    return monitor(monitor, monitor.mode());
  }

  /** Like {@link #monitor(Monitor)}, better when {@code mode} says. */
  public Fit monitor(Monitor monitor, Monitor.Mode mode) {
    notNull("monitor", monitor);
    notNull("mode", mode);
    return with(c -> {
      c.monitor = monitor;
      c.mode = mode;
    });
  }

  /**
   * Stop when the monitored value has not improved for {@code patience} epochs in a row. An improvement must
   * beat the best so far by more than {@code minDelta} (default 0), as Keras' {@code EarlyStopping}.
   */
  public Fit earlyStopping(int patience) {
    return earlyStopping(patience, 0f);
  }

  /** Like {@link #earlyStopping(int)}, counting only improvements larger than {@code minDelta}. */
  public Fit earlyStopping(int patience, float minDelta) {
    positive("patience", patience);
    if (!(minDelta >= 0) || Float.isInfinite(minDelta)) {
      throw new IllegalArgumentException("minDelta must be finite and >= 0, was " + minDelta);
    }
    return with(c -> {
      c.patience = patience;
      c.minDelta = minDelta;
    });
  }

  /**
   * At the end, put back the weights of the best epoch, whatever ended training (the last epoch, early
   * stopping, a listener). Default false: the network keeps its last weights.
   */
  public Fit restoreBest(boolean restoreBest) {
    return with(c -> c.restoreBest = restoreBest);
  }

  /** Save the network to {@code file} (a checkpoint, replaced atomically) each time an epoch is the best so far. */
  public Fit saveBest(Path file) {
    notNull("file", file);
    return with(c -> c.saveBest = file);
  }

  /**
   * Save the network every {@code epochs} epochs to {@code file}; a {@code {epoch}} in the file name is
   * replaced by the epoch number (else the file is replaced each time).
   */
  public Fit saveEvery(int epochs, Path file) {
    positive("epochs", epochs);
    notNull("file", file);
    return with(c -> {
      c.saveEvery = epochs;
      c.saveEveryFile = file;
    });
  }

  /** Change the learning rate from epoch to epoch (the optimizer keeps its other state). */
  public Fit schedule(Schedule schedule) {
    notNull("schedule", schedule);
    return with(c -> c.schedule = schedule);
  }

  /** Call {@code listener} after every step and every epoch (listeners run in the order added). */
  public Fit listener(Listener listener) {
    notNull("listener", listener);
    return with(c -> {
      List<Listener> more = new ArrayList<>(c.listeners);
      more.add(listener);
      c.listeners = List.copyOf(more);
    });
  }

  /**
   * Survive a crash: after every epoch the whole training state (parameters, optimizer state, epoch,
   * generator, schedule, early stopping, history) replaces {@code file} atomically; a {@code fit} that
   * finds the file continues from it and ends bit-identical to a run never interrupted; the file is
   * deleted when {@code fit} completes. Like Keras' {@code BackupAndRestore}.
   */
  public Fit backup(Path file) {
    notNull("file", file);
    return with(c -> c.backup = file);
  }

  /**
   * Print progress (default true): one line that updates in place (epoch, step, loss, rate, time left)
   * when a console is attached, one line per epoch otherwise, so logs stay readable.
   */
  public Fit progress(boolean progress) {
    return with(c -> c.progress = progress);
  }

  /** No progress output: {@code progress(false)}. */
  public Fit silent() {
    return progress(false);
  }

  public int epochs() {
    return o.epochs;
  }

  /** Rows per step; 0 means all rows. */
  public int batchSize() {
    return o.batchSize;
  }

  public boolean shuffle() {
    return o.shuffle;
  }

  public boolean dropLast() {
    return o.dropLast;
  }

  /** The optimizer, or null if none was given yet. */
  public Optimizer optimizer() {
    return o.optimizer;
  }

  /** The validation rows, or null. */
  public Data validation() {
    return o.validation;
  }

  /** The held-out fraction, or 0. */
  public double validationFraction() {
    return o.validationFraction;
  }

  public long splitSeed() {
    return o.splitSeed;
  }

  public Set<Metric> metrics() {
    return o.metrics.clone();
  }

  /** The monitor, or null for the default. */
  public Monitor monitor() {
    return o.monitor;
  }

  /** The monitor's mode, or null for its default. */
  public Monitor.Mode mode() {
    return o.mode;
  }

  /** Early stopping's patience, or 0 without early stopping. */
  public int patience() {
    return o.patience;
  }

  public float minDelta() {
    return o.minDelta;
  }

  public boolean restoreBest() {
    return o.restoreBest;
  }

  /** The best-model file, or null. */
  public Path saveBest() {
    return o.saveBest;
  }

  /** Epochs between saves, or 0. */
  public int saveEvery() {
    return o.saveEvery;
  }

  public Path saveEveryFile() {
    return o.saveEveryFile;
  }

  /** The schedule, or null. */
  public Schedule schedule() {
    return o.schedule;
  }

  public List<Listener> listeners() {
    return List.copyOf(o.listeners);
  }

  /** The backup file, or null. */
  public Path backup() {
    return o.backup;
  }

  public boolean progress() {
    return o.progress;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Fit.epochs(").append(o.epochs).append(')');
    if (o.batchSize > 0) {
      s.append(".batchSize(").append(o.batchSize).append(')');
    }
    if (o.shuffle) {
      s.append(".shuffle(true)");
    }
    if (o.dropLast) {
      s.append(".dropLast(true)");
    }
    if (o.optimizer != null) {
      s.append(".optimizer(").append(o.optimizer).append(')');
    }
    if (o.validation != null) {
      s.append(".validation(").append(o.validation).append(')');
    }
    if (o.validationFraction > 0) {
      s.append(".validationSplit(").append(o.validationFraction).append(", ").append(o.splitSeed).append(')');
    }
    if (!o.metrics.isEmpty()) {
      s.append(".metrics").append(o.metrics.toString().replace('[', '(').replace(']', ')'));
    }
    if (o.monitor != null) {
      s.append(".monitor(").append(o.monitor).append(", ").append(o.mode).append(')');
    }
    if (o.patience > 0) {
      s.append(".earlyStopping(").append(o.patience).append(", ").append(o.minDelta).append(')');
    }
    if (o.restoreBest) {
      s.append(".restoreBest(true)");
    }
    if (o.saveBest != null) {
      s.append(".saveBest(").append(o.saveBest).append(')');
    }
    if (o.saveEvery > 0) {
      s.append(".saveEvery(").append(o.saveEvery).append(", ").append(o.saveEveryFile).append(')');
    }
    if (o.schedule != null) {
      s.append(".schedule(").append(o.schedule).append(')');
    }
    if (!o.listeners.isEmpty()) {
      s.append(" + ").append(o.listeners.size()).append(" listener(s)");
    }
    if (o.backup != null) {
      s.append(".backup(").append(o.backup).append(')');
    }
    if (!o.progress) {
      s.append(".silent()");
    }
    return s.toString();
  }

  private Fit with(java.util.function.Consumer<Options> change) {
    Options copy = o.copy();
    change.accept(copy);
    return new Fit(copy);
  }

  /** The option values; a Fit owns its copy and never changes it, so Fit is immutable. */
  private static final class Options implements Cloneable {
    int epochs;
    int batchSize;
    boolean shuffle;
    boolean dropLast;
    Optimizer optimizer;
    Data validation;
    double validationFraction;
    long splitSeed = DEFAULT_SPLIT_SEED;
    EnumSet<Metric> metrics = EnumSet.noneOf(Metric.class);
    Monitor monitor;
    Monitor.Mode mode;
    int patience;
    float minDelta;
    boolean restoreBest;
    Path saveBest;
    int saveEvery;
    Path saveEveryFile;
    Schedule schedule;
    List<Listener> listeners = List.of();
    Path backup;
    boolean progress = true;

    Options copy() {
      try {
        Options copy = (Options) clone();
        copy.metrics = metrics.clone();
        return copy;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
