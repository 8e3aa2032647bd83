package org.modulardiffusion.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a sampling run's progress as {@link org.modulardiffusion.train.ProgressBar} shows
 * training's: on a terminal a bar redrawn in place with the steps per second and the time left,
 * elsewhere a plain line about every tenth of the run. The rate counts the steps after the first. A bar with a quiet time
 * shows only once its run has taken longer, for a run that is short as a rule, within longer work.
 */
public final class SamplingBar implements SamplingProgress {
  private final ProgressLine line;
  private final long quietNanos;
  private final LongSupplier nanoTime;
  private long start;

  /**
   * @param out where to print
   * @param terminal whether {@code out} is a terminal that understands carriage returns
   * @param quiet how long a run goes before the bar shows; zero to show it from the first step
   */
  public SamplingBar(PrintStream out, boolean terminal, Duration quiet) {
    this(out, terminal, quiet, System::nanoTime);
  }

  SamplingBar(PrintStream out, boolean terminal, Duration quiet, LongSupplier nanoTime) {
    this.line = new ProgressLine(out, terminal);
    this.quietNanos = quiet.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * A bar on standard error, redrawn in place when the program runs in a terminal, shown once the
   * run has taken longer than {@code quiet}.
   *
   * @param quiet how long the run goes unshown
   * @return the bar
   */
  public static SamplingBar console(Duration quiet) {
    return new SamplingBar(System.err, System.console() != null, quiet);
  }

  @Override
  public void onStep(int step, int steps) {
    if (step == 1) {
      start = nanoTime.getAsLong();
    }
    long elapsed = nanoTime.getAsLong() - start;
    if (elapsed < quietNanos || !line.due(step, steps)) {
      return;
    }
    line.show(String.format(Locale.ROOT, "sampling %s %d/%d  %s", ProgressLine.bar((double) step / steps), step,
        steps, ProgressLine.speed(step - 1, elapsed / 1e9, steps - step)));
    if (step == steps) {
      line.end();
    }
  }
}
