package org.modulardiffusion.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stop (Ctrl-C, a scheduler's SIGTERM) of a worker of several, which all the workers take
 * together: a shutdown hook asks for it, the training loop's next step tells every worker (see
 * {@link org.modulardiffusion.train.TrainingLoop.Builder#stopWhen}), and once the loop has
 * stopped there the hook tells the user, if this worker tells, and lets the JVM end.
 */
final class SharedStop implements BooleanSupplier, AutoCloseable {
  private final Thread hook = new Thread(this::stop, "shared stop");
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final long waitSeconds;
  private final Runnable tell;
  private volatile boolean requested;

  /**
   * Watches for a stop from now on until closed; {@code tell} runs once the loop has stopped, or
   * after {@code waitSeconds} (a step and its sum, at most the workers' timeout) without that.
   */
  SharedStop(long waitSeconds, Runnable tell) {
    this.waitSeconds = waitSeconds;
    this.tell = tell;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public boolean getAsBoolean() {
    return requested;
  }

  /** Lets the hook go on now that the loop has stopped, and holds this thread until the JVM ends. */
  void holdStopped() {
    stopped.countDown();
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Still shutting down: stay held.
      }
    }
  }

  private void stop() {
    requested = true;
    try {
      stopped.await(waitSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tell.run();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs.
    }
  }
}
