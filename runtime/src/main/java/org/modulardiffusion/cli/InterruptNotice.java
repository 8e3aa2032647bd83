package org.modulardiffusion.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Tells a user who stops a training run (Ctrl-C, a scheduler's SIGTERM) which epoch it stopped in
 * and how to go on, and removes the output folder the run made if nothing was written to it yet:
 * a shutdown hook does so from {@link #watch} until closed.
 *
 * <p>The hook first waits, a few seconds at most, for the run to finish the step under way (a
 * training step, or a sampling step of an epoch's samples) and holds it there while the JVM shuts
 * down; so the notice is the run's last line, and no epoch ends, writing its checkpoint, after the
 * notice names it.
 */
final class InterruptNotice implements TrainingListener, AutoCloseable {
  /** How long the hook waits for the step under way: a user who presses Ctrl-C waits as long. */
  private static final long STEP_WAIT_SECONDS = 5;

  private final RunFolder folder;
  private final Thread hook = new Thread(this::tell, "interrupt notice");
  /** Set by the hook: the run stops at its next step. */
  private volatile boolean stopping;
  /** Counted down when the run has stopped at a step, or ended. */
  private final CountDownLatch held = new CountDownLatch(1);
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

  @Override
  public void onStep(TrainingLoop<?> loop, Step step) {
    holdIfStopping();
  }

  /**
   * {@code progress}, for a sampling run within the training run (the samples of an epoch), with
   * the run held at each sampling step as at a training step.
   */
  SamplingProgress holding(SamplingProgress progress) {
    return (step, steps) -> {
      progress.onStep(step, steps);
      holdIfStopping();
    };
  }

  /** Holds the run here, its step finished, once the JVM shuts down: the JVM halts it when the hook is done. */
  private void holdIfStopping() {
    if (!stopping) {
      return;
    }
    held.countDown();
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Still shutting down: stay held.
      }
    }
  }

  /** What the hook does: stops the run at its next step, then tells. */
  void tell() {
    stopping = true;
    try {
      held.await(STEP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tell(epoch, folder);
  }

  /** Tells that the run writing to {@code folder} stopped in {@code epoch}, and removes the folder if unused. */
  static void tell(int epoch, RunFolder folder) {
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
    held.countDown();
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
