package org.modulardiffusion.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a progress bar prints: on a terminal one line redrawn in place at every step, elsewhere a
 * plain line about every tenth of the work and at its end.
 */
public final class ProgressLine {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;

  /**
   * @param out where to print
   * @param terminal whether {@code out} is a terminal that understands carriage returns
   */
  public ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Whether step {@code step} of {@code steps} is shown.
   *
   * @param step the step, from 1
   * @param steps the number of steps
   * @return whether it is shown: every step on a terminal, else about every tenth and the last
   */
  public boolean due(int step, int steps) {
    return terminal || step % Math.max(1, steps / 10) == 0 || step == steps;
  }

  /**
   * Shows {@code line}: in place of the last on a terminal, else on a line of its own.
   *
   * @param line the line, without a line break
   */
  public void show(String line) {
    if (terminal) {
      out.print("\r" + line);
      out.flush();
    } else {
      out.println(line);
    }
  }

  /** Ends the line redrawn in place on a terminal, so that what follows starts a line of its own. */
  public void end() {
    if (terminal) {
      out.println();
      out.flush();
    }
  }

  /**
   * Prints {@code text} on a line of its own after the progress shown.
   *
   * @param text the text
   */
  public void message(String text) {
    end();
    out.println(text);
  }

  /**
   * The speed and the time left, "12.3 steps/s  1:05 left", from {@code measured} steps done in
   * {@code seconds} with {@code remaining} to go; question marks before any step is measured.
   *
   * @param measured the steps measured
   * @param seconds the time they took, in seconds
   * @param remaining the steps left
   * @return the text
   */
  public static String speed(long measured, double seconds, long remaining) {
    if (measured <= 0 || seconds <= 0) {
      return "? steps/s  ? left";
    }
    double rate = measured / seconds;
    return String.format(Locale.ROOT, "%.1f steps/s  %s left", rate, duration(remaining / rate));
  }

  /**
   * A bar of {@code fraction} filled.
   *
   * @param fraction the part done, in [0, 1]
   * @return the bar, of fixed width
   */
  public static String bar(double fraction) {
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
