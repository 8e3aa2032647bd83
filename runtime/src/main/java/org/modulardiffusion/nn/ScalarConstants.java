package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers as zero-dimensional arrays on the CPU, each made once per number and data type and kept
 * for the life of this object, up to a number of them; beyond that each call makes a new array.
 * Operations only read them, and autograd holds its own reference to what it saves, so one array
 * serves every step of every thread.
 */
final class ScalarConstants {
  private final int capacity;
  private final NDManager manager = NDManager.newBaseManager(Device.cpu());
  private final Map<Key, NDArray> arrays = new ConcurrentHashMap<>();

  private record Key(double value, DataType dataType) {}

  /** Keeps at most {@code capacity} numbers. */
  ScalarConstants(int capacity) {
    this.capacity = capacity;
  }

  /**
   * The number as an array of x's data type: a kept one, never to be closed, or, once {@code
   * capacity} numbers are kept, a new one on x's manager.
   */
  NDArray of(NDArray x, double value) {
    Key key = new Key(value, x.getDataType());
    NDArray kept = arrays.get(key);
    if (kept != null) {
      return kept;
    }
    if (arrays.size() >= capacity) {
      return Scalars.of(x, value);
    }
    return arrays.computeIfAbsent(key, k -> {
      NDArray array = manager.full(new Shape(), (float) value, k.dataType(), Device.cpu());
      // Made inside a step's scope, it must not close with it.
      NDScope.unregister(array);
      return array;
    });
  }
}
