package org.modulardiffusion.engine;

import java.io.PrintStream;

/** Receives the progress of training: called after every step and every epoch. */
public interface Progress {

  /** Called after each training step with that step's loss. */
  void step(int epoch, int step, int steps, float loss);

  /** Called after each epoch with the mean loss of its steps. */
  void epoch(int epoch, float meanLoss);

  /** Reports nothing. */
  static Progress silent() {
    return new Progress() {
      @Override
      public void step(int epoch, int step, int steps, float loss) {}

      @Override
      public void epoch(int epoch, float meanLoss) {}
    };
  }

  /** Prints a line about every tenth of an epoch and one per epoch to {@code out}. */
  static Progress lines(PrintStream out) {
    return new Progress() {
      private long start = System.nanoTime();

      @Override
      public void step(int epoch, int step, int steps, float loss) {
        if (step == 1) {
          start = System.nanoTime();
        }
        int every = Math.max(1, steps / 10);
        if (step % every == 0 || step == steps) {
          double seconds = (System.nanoTime() - start) / 1e9;
          double rate = step / Math.max(seconds, 1e-9);
          out.printf(
              "epoch %d  %d/%d  loss %.3e  %.1f steps/s  %.0fs left%n",
              epoch, step, steps, loss, rate, (steps - step) / rate);
        }
      }

      @Override
      public void epoch(int epoch, float meanLoss) {
        out.printf("epoch %d done  mean loss %.4e%n", epoch, meanLoss);
      }
    };
  }
}
