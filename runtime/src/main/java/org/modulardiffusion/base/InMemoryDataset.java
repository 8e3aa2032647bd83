package org.modulardiffusion.base;

import ai.djl.ndarray.NDManager;
import org.modulardiffusion.base.Dataset;

/**
 * A data set whose examples are held in an {@link ArrayDataset}: an implementation only makes
 * them (renders, generates or reads them) and hands them over in {@link #examples}.
 */
public interface InMemoryDataset extends Dataset {

  /**
   * The examples, in memory.
   *
   * @return the examples
   */
  ArrayDataset examples();

  @Override
  default int size() {
    return examples().size();
  }

  @Override
  default Examples get(NDManager manager, int[] indices) {
    return examples().get(manager, indices);
  }

  @Override
  default int classes() {
    return examples().classes();
  }

  /**
   * A copy of the labels, one per example (0 = no label).
   *
   * @return the labels; the caller may change the copy
   */
  default long[] labels() {
    return examples().labels();
  }
}
