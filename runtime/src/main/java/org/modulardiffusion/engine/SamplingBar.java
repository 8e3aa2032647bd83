package org.modulardiffusion.engine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a sampling run's progress as {@link ProgressBar} shows training's: on a terminal a bar
 * redrawn in place with the steps per second and the time left, elsewhere a plain line about
 * every tenth of the run. The rate counts the steps after the first.
 */
public final class SamplingBar implements SamplingProgress {
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private long start;

  /**
   * @param out where to print
   * @param terminal whether {@code out} is a terminal that understands carriage returns
   */
  public SamplingBar(PrintStream out, boolean terminal) {
    this(out, terminal, System::nanoTime);
  }

  SamplingBar(PrintStream out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /** A bar on standard error, redrawn in place when the program runs in a terminal. */
  public static SamplingBar console() {
    return new SamplingBar(System.err, System.console() != null);
  }

  @Override
  public void onStep(int step, int steps) {
    if (step == 1) {
      start = nanoTime.getAsLong();
    }
    if (!terminal && step % Math.max(1, steps / 10) != 0 && step != steps) {
      return;
    }
    double seconds = (nanoTime.getAsLong() - start) / 1e9;
    String speed = step > 1 && seconds > 0
        ? String.format(Locale.ROOT, "%.1f steps/s  %s left", (step - 1) / seconds,
            ProgressBar.duration((steps - step) * seconds / (step - 1)))
        : "? steps/s  ? left";
    String line = String.format(
        Locale.ROOT, "sampling %s %d/%d  %s", ProgressBar.bar((double) step / steps), step, steps, speed);
    if (!terminal) {
      out.println(line);
      return;
    }
    out.print("\r" + line);
    if (step == steps) {
      out.println();
    }
    out.flush();
  }
}
