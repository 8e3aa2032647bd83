package org.modulardiffusion.cli;

import java.nio.file.Path;
import org.modulardiffusion.engine.TrainingListener;
import org.modulardiffusion.engine.TrainingLoop;

/**
 * Tells a user who stops a training run (Ctrl-C, a scheduler's SIGTERM) which epoch it stopped in
 * and how to go on, and removes the output folder the run made if nothing was written to it yet:
 * a shutdown hook does so from {@link #watch} until closed.
 */
final class InterruptNotice implements TrainingListener, AutoCloseable {
  private final RunFolder folder;
  private final Thread hook = new Thread(this::tell, "interrupt notice");
  /** The epoch under way, counted over the run's life; 0 until watched. */
  private volatile int epoch;

  /** For a run writing to {@code folder}. */
  InterruptNotice(RunFolder folder) {
    this.folder = folder;
  }

  /** Tells of a stop from now on, the run starting with {@code first}, an epoch counted over its life. */
  void watch(int first) {
    epoch = first;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void onEpochBegin(TrainingLoop<?> loop, int epoch) {
    this.epoch = epoch;
  }

  private void tell() {
    System.err.println();
    System.err.println(message(epoch, folder.path()));
    folder.removeIfUnused();
  }

  /** What a run stopped in {@code epoch} with outputs in {@code out} keeps, and the command that goes on. */
  private static String message(int epoch, Path out) {
    return epoch == 1
        ? "interrupted in epoch 1, before any checkpoint: nothing to resume"
        : "interrupted in epoch " + epoch + "; ./diffusion train --resume --out " + out
            + " goes on from the latest checkpoint it wrote";
  }

  @Override
  public void close() {
    if (epoch == 0) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the notice is being told.
    }
  }
}
