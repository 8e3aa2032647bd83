package org.modulardiffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The losses of training steps still on the device, read a few times a second in one copy.
 * Reading a value back from a GPU waits for all the work queued before it, so a loss read as its
 * step is taken, or one step late (the next step is queued by then), would have the host wait
 * for the device at every step, and the device for the host at the start of the next. Losses
 * read here wait until the oldest has waited {@link #WAIT_NANOS}, until {@link #MOST} are
 * waiting, or until the caller reads them (at the end of an epoch, say).
 *
 * @param <S> what the loop knows of a step besides its loss
 */
final class PendingLosses<S> implements AutoCloseable {
  /** How long the oldest loss waits before {@link #due}: a quarter of a second. */
  static final long WAIT_NANOS = 250_000_000L;
  /** The most losses that wait before {@link #due}. */
  static final int MOST = 1024;

  private final LongSupplier nanoTime;
  private final List<S> steps = new ArrayList<>();
  private final NDList losses = new NDList();
  private long oldest;

  /** Losses that wait by the time of {@code nanoTime}, {@link System#nanoTime} but in tests. */
  PendingLosses(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Adds the loss of {@code step}, a number on the device, which this now owns. */
  void add(S step, NDArray loss) {
    if (steps.isEmpty()) {
      oldest = nanoTime.getAsLong();
    }
    steps.add(step);
    losses.add(loss);
  }

  /** Whether the losses have waited long enough, or are enough, to be read. */
  boolean due() {
    return !steps.isEmpty() && (steps.size() >= MOST || nanoTime.getAsLong() - oldest >= WAIT_NANOS);
  }

  /** Whether no loss waits. */
  boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The step of the oldest loss waiting. */
  S first() {
    return steps.get(0);
  }

  /** The step of the newest loss waiting. */
  S last() {
    return steps.get(steps.size() - 1);
  }

  /**
   * Reads the waiting losses in one copy from the device and closes them.
   *
   * @return their steps with their values, oldest first
   */
  List<Loss<S>> read() {
    float[] values;
    if (losses.size() == 1) {
      values = losses.get(0).toFloatArray();
    } else {
      try (NDArray stacked = NDArrays.stack(losses)) {
        values = stacked.toFloatArray();
      }
    }
    List<Loss<S>> read = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      read.add(new Loss<>(steps.get(i), values[i]));
    }
    close();
    return read;
  }

  /** Closes the losses still waiting, unread. */
  @Override
  public void close() {
    losses.close();
    losses.clear();
    steps.clear();
  }

  /**
   * The loss of a step, read.
   *
   * @param <S> what the loop knows of a step besides its loss
   */
  record Loss<S>(S step, float value) {}
}
