package org.modulardiffusion.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.modulardiffusion.progress.ProgressLine;

/**
 * Shows training progress: on a terminal a bar redrawn in place with the loss, steps per second
 * and the time left; elsewhere (a log file, CI) a plain line about every tenth of an epoch. The
 * clock starts when the first step is reported, so the rate counts the steps after it (the
 * first step, which includes the warm-up, would not say how fast the others go).
 */
public final class ProgressBar implements TrainingListener {
  private final ProgressLine line;
  private final int lastEpoch;
  private final LongSupplier nanoTime;
  private long start;
  private int firstEpoch = -1;
  private int firstStep;

  /**
   * @param out where to print
   * @param terminal whether {@code out} is a terminal that understands carriage returns
   * @param lastEpoch the epoch the run ends with, for the time left; 0 if unknown
   */
  public ProgressBar(PrintStream out, boolean terminal, int lastEpoch) {
    this(out, terminal, lastEpoch, System::nanoTime);
  }

  ProgressBar(PrintStream out, boolean terminal, int lastEpoch, LongSupplier nanoTime) {
    this.line = new ProgressLine(out, terminal);
    this.lastEpoch = lastEpoch;
    this.nanoTime = nanoTime;
  }

  /**
   * A bar on standard error, redrawn in place when the program runs in a terminal.
   *
   * @param lastEpoch the epoch the run ends with, for the time left; 0 if unknown
   * @return the bar
   */
  public static ProgressBar console(int lastEpoch) {
    return new ProgressBar(System.err, System.console() != null, lastEpoch);
  }

  @Override
  public void onStep(TrainingLoop<?> loop, Step event) {
    int epoch = event.epoch();
    int step = event.step();
    int steps = event.steps();
    if (firstEpoch < 0) {
      firstEpoch = epoch;
      firstStep = step;
      start = nanoTime.getAsLong();
    }
    if (!line.due(step, steps)) {
      return;
    }
    long measured = (long) (epoch - firstEpoch) * steps + step - firstStep;
    double seconds = (nanoTime.getAsLong() - start) / 1e9;
    long remaining = (long) (Math.max(lastEpoch, epoch) - epoch) * steps + steps - step;
    line.show(
        String.format(
            Locale.ROOT,
            "epoch %d%s %s %d/%d  loss %.3e  lr %.2e  %s",
            epoch,
            lastEpoch > 0 ? "/" + lastEpoch : "",
            ProgressLine.bar((double) step / steps),
            step,
            steps,
            event.loss(),
            event.learningRate(),
            ProgressLine.speed(measured, seconds, remaining)));
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    line.message(String.format(Locale.ROOT, "epoch %d done: mean loss %.4e", epoch, meanLoss));
  }
}
