package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;

/**
 * Where one of a model's saved parameters lies among the arrays its optimizer updates: values
 * {@code offset} to {@code offset + size} of the array under {@code key}, which holds {@code
 * total} values in all. The net's parameters share one flat array, each data transform's
 * parameter is an array of its own; an optimizer saves and reads its state of each parameter
 * here (see {@link Model#parameterSlots}).
 *
 * @param key the optimizer's key of the array
 * @param offset the parameter's first value in the array
 * @param size the parameter's number of values
 * @param total the array's number of values
 */
public record ParameterSlot(String key, long offset, long size, long total) {
  /** A whole array of {@code size} values under {@code key}. */
  static ParameterSlot whole(String key, long size) {
    return new ParameterSlot(key, 0, size, size);
  }

  /**
   * This slot's values of {@code array}, laid out as the array under {@code key}: an optimizer's moment, say.
   *
   * @param array the array under {@link #key()}
   * @return the slot's {@link #size()} values
   */
  public float[] of(NDArray array) {
    if (size == total) {
      return array.toFloatArray();
    }
    try (NDArray slice = ParameterBuffer.slice(array, offset, size)) {
      return slice.toFloatArray();
    }
  }
}
