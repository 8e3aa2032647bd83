package org.modulardiffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.device.Devices;

/**
 * A training set copied to the device once, so that a batch is gathered there instead of copied
 * from Java arrays in every step (a copy to a GPU waits for the work queued before it). Only a
 * data set held in memory qualifies ({@link InMemoryDataset}): its batches are plain copies of its
 * examples, which a gather reproduces exactly.
 */
final class ResidentData {
  /** The share of the device's free memory the copy may take. */
  private static final double SHARE = 0.25;

  private final NDArray w;
  private final NDArray y;

  private ResidentData(NDArray w, NDArray y) {
    this.w = w;
    this.y = y;
  }

  /**
   * The examples of {@code dataset} on {@code manager}'s device, as long as the manager lives, or
   * null when the data set is not held in memory or its examples would take more than a quarter
   * of the device's free memory.
   */
  static ResidentData of(Dataset dataset, NDManager manager) {
    if (!(dataset instanceof InMemoryDataset examples)) {
      return null;
    }
    long bytes = (long) dataset.size() * (examples.examples().shape().size() * Long.BYTES + Long.BYTES);
    if (bytes > SHARE * Devices.availableMemory(manager.getDevice())) {
      return null;
    }
    Dataset.Examples copy = dataset.get(manager, IntStream.range(0, dataset.size()).toArray());
    return new ResidentData(copy.w(), copy.y());
  }

  /** The order of an epoch's examples on the device, for {@link #get}: one copy an epoch. */
  NDArray order(int[] permutation) {
    return w.getManager().create(Arrays.stream(permutation).asLongStream().toArray());
  }

  /** The examples at positions {@code from} to {@code to} (exclusive) of {@code order}, gathered on the device. */
  Dataset.Examples get(NDArray order, int from, int to) {
    NDArray indices = order.get(from + ":" + to);
    return new Dataset.Examples(w.get(new NDIndex("{}", indices)), y.get(new NDIndex("{}", indices)));
  }
}
