package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A data set of examples w with labels y. Labels start at 1; 0 means "no label".
 *
 * <p>Batches are built fresh on the step's manager, so nothing a training step does can change
 * the data set.
 */
public interface Dataset {

  /**
   * The number of examples.
   *
   * @return the number of examples, ≥ 0
   */
  int size();

  /**
   * The examples at {@code indices}, as new arrays on {@code manager}.
   *
   * @param manager where the returned arrays live
   * @param indices the examples' indices, each in [0, {@link #size()})
   * @return the examples' data and labels
   */
  Examples get(NDManager manager, int[] indices);

  /**
   * The number of labels, which run from 1 to it; 0 for an unlabelled data set.
   *
   * @return the number of labels, or 0
   */
  default int classes() {
    return 0;
  }

  /**
   * The largest magnitude its values can have, such as 1 for images whose pixels are in [−1, 1];
   * 0 when they are unbounded or their bound is unknown, as by default. A sampler may clip its
   * estimates of clean data to it (through {@link Sampling#bound()}).
   *
   * @return the bound, or 0 for none
   */
  default double bound() {
    return 0;
  }

  /**
   * A batch of examples.
   *
   * @param w the data, [b, …]
   * @param y the labels, int64 [b]
   */
  record Examples(NDArray w, NDArray y) {}
}
