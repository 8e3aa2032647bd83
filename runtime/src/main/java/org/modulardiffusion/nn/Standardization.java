package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Standardization of an array over its trailing axes, (x − mean) / sqrt(var + epsilon) with the
 * biased variance, in one native operation: PyTorch's layer norm with the identity as its scale
 * and shift.
 *
 * <p>DJL's layer norm takes the scale and shift as arrays, so the identity's ones and zeros are
 * made once per shape, data type and device and kept for the life of the JVM (they are the size
 * of what is standardized at once, such as one filter, not of a batch), instead of twice in
 * every call.
 */
final class Standardization {
  private static final Map<Key, NDList> IDENTITIES = new ConcurrentHashMap<>();
  private static final Map<Device, NDManager> MANAGERS = new ConcurrentHashMap<>();

  private Standardization() {}

  /** x standardized over its trailing axes of shape {@code over}; the result lives on x's manager. */
  static NDArray standardize(NDArray x, Shape over, float epsilon) {
    NDList identity = IDENTITIES.computeIfAbsent(new Key(over, x.getDataType(), x.getDevice()), Standardization::identity);
    return x.getNDArrayInternal().layerNorm(x, over, identity.get(0), identity.get(1), epsilon).singletonOrThrow();
  }

  /** The ones and zeros of a layer norm's identity scale and shift, outside any step's scope. */
  private static NDList identity(Key key) {
    NDManager manager = MANAGERS.computeIfAbsent(key.device(), NDManager::newBaseManager);
    NDArray ones = manager.ones(key.shape(), key.dataType());
    NDArray zeros = manager.zeros(key.shape(), key.dataType());
    NDScope.unregister(ones, zeros);
    return new NDList(ones, zeros);
  }

  private record Key(Shape shape, DataType dataType, Device device) {}
}
