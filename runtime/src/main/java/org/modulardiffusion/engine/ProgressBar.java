package org.modulardiffusion.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows training progress: on a terminal a bar redrawn in place with the loss, steps per second
 * and the time left; elsewhere (a log file, CI) a plain line about every tenth of an epoch.
 */
public final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private final int lastEpoch;
  private long start;
  private int firstEpoch = -1;

  /**
   * @param out where to print
   * @param terminal whether {@code out} is a terminal that understands carriage returns
   * @param lastEpoch the epoch the run ends with, for the time left; 0 if unknown
   */
  public ProgressBar(PrintStream out, boolean terminal, int lastEpoch) {
    this.out = out;
    this.terminal = terminal;
    this.lastEpoch = lastEpoch;
  }

  /** A bar on standard error, redrawn in place when the program runs in a terminal. */
  public static ProgressBar console(int lastEpoch) {
    return new ProgressBar(System.err, System.console() != null, lastEpoch);
  }

  @Override
  public void step(int epoch, int step, int steps, float loss) {
    if (firstEpoch < 0) {
      firstEpoch = epoch;
      start = System.nanoTime();
    }
    boolean due = terminal || step % Math.max(1, steps / 10) == 0 || step == steps;
    if (!due) {
      return;
    }
    double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    long done = (long) (epoch - firstEpoch) * steps + step;
    double rate = done / seconds;
    long remaining = (long) (Math.max(lastEpoch, epoch) - epoch) * steps + steps - step;
    String line =
        String.format(
            Locale.ROOT,
            "epoch %d%s %s %d/%d  loss %.3e  %.1f steps/s  %s left",
            epoch,
            lastEpoch > 0 ? "/" + lastEpoch : "",
            bar((double) step / steps),
            step,
            steps,
            loss,
            rate,
            duration(remaining / rate));
    if (terminal) {
      out.print("\r" + line);
      out.flush();
    } else {
      out.println(line);
    }
  }

  @Override
  public void epoch(int epoch, float meanLoss) {
    if (terminal) {
      out.println();
    }
    out.printf(Locale.ROOT, "epoch %d done: mean loss %.4e%n", epoch, meanLoss);
  }

  private static String bar(double fraction) {
    int filled = (int) Math.round(fraction * WIDTH);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }

  /** Seconds as h:mm:ss or m:ss. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
