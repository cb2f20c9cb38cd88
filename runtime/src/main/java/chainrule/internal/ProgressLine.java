package chainrule.internal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code fit}'s progress output. With a console attached, one line that updates in place (at most ten
 * times a second) with the epoch, the step, the running loss, the learning rate and the time left, and
 * stays as the epoch's summary; without one (CI logs, files), one summary line per epoch. When off, it
 * does nothing and allocates nothing.
 */
final class ProgressLine {
  private static final long REFRESH_NANOS = 100_000_000L;

  private final boolean on;
  private final boolean console;
  private final PrintStream out;
  private final int epochs;
  private final long totalSteps;
  private long startNanos;
  private long stepsAtStart;
  private long lastDrawn;
  private int drawnLength;

  ProgressLine(boolean on, boolean console, PrintStream out, int epochs, long totalSteps) {
    this.on = on;
    this.console = console;
    this.out = out;
    this.epochs = epochs;
    this.totalSteps = totalSteps;
  }

  boolean on() {
    return on;
  }

  /** Where timing starts: the run's first step to come (after a resume, the steps before it took no time here). */
  void start(long stepsDone) {
    if (!on) {
      return;
    }
    startNanos = System.nanoTime();
    stepsAtStart = stepsDone;
    lastDrawn = 0;
  }

  /** After a step: redraws the console line if a tenth of a second has passed. */
  void step(int epoch, int batch, int batches, long stepsDone, float runningLoss, float rate) {
    if (!on || !console) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDrawn < REFRESH_NANOS && batch < batches) {
      return;
    }
    lastDrawn = now;
    draw(String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.6g%s  %s", epoch, epochs, batch, batches,
        runningLoss, rate(rate), timeLeft(now, stepsDone)), false);
  }

  /** After an epoch: its summary ({@code loss ... val_loss ...}), kept on its own line; the last says how long it took. */
  void epoch(int epoch, String summary, float rate, long stepsDone, boolean last) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    String line = String.format(Locale.ROOT, "epoch %d/%d  %s%s  %s", epoch, epochs, summary, rate(rate),
        epoch < epochs && !last ? timeLeft(now, stepsDone) : elapsed(now));
    draw(line, true);
  }

  /** Ends an updating line that was left open (training stopped mid-epoch). */
  void end() {
    if (on && console && drawnLength > 0) {
      out.println();
      out.flush();
      drawnLength = 0;
    }
  }

  private void draw(String line, boolean keep) {
    if (console) {
      StringBuilder s = new StringBuilder("\r").append(line);
      for (int i = line.length(); i < drawnLength; i++) {
        s.append(' ');
      }
      out.print(s);
      drawnLength = line.length();
      if (keep) {
        out.println();
        drawnLength = 0;
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String rate(float rate) {
    return Float.isNaN(rate) ? "" : String.format(Locale.ROOT, "  lr %.4g", rate);
  }

  private String timeLeft(long now, long stepsDone) {
    long done = stepsDone - stepsAtStart;
    if (done <= 0) {
      return "";
    }
    double perStep = (now - startNanos) / (double) done;
    return "left " + clock((long) (perStep * (totalSteps - stepsDone) / 1e9));
  }

  private String elapsed(long now) {
    return "took " + clock((long) ((now - startNanos) / 1e9));
  }

  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
