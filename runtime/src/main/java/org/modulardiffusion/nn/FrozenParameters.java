package org.modulardiffusion.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parameters of a net for a piece of work during which they do not change, such as a
 * sampling run: a block may compute an array from a parameter once, with {@link #derived}, and
 * reuse it in every step, where it would otherwise compute it anew in each forward pass.
 */
public final class FrozenParameters extends ParameterStore {
  private final ParameterStore parameters;
  private final NDManager manager;
  private final Map<Key, NDArray> derived = new HashMap<>();

  /**
   * Reads the parameters through {@code parameters}; the derived arrays live on {@code manager},
   * which the caller closes when the work is done.
   *
   * @param parameters the parameters to read
   * @param manager where the derived arrays live
   */
  public FrozenParameters(ParameterStore parameters, NDManager manager) {
    this.parameters = parameters;
    this.manager = manager;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    return parameters.getValue(parameter, device, training);
  }

  /**
   * {@code derive} applied to the parameter's value on {@code device}, computed on the first call
   * for this parameter and device and kept for the following ones. {@code derive} must depend on
   * the value only; the result outlives the memory scope of the call that computes it.
   *
   * @param parameter the parameter
   * @param device the device to compute on
   * @param derive what to compute from the parameter's value
   * @return the derived array, on the manager given to the constructor
   */
  public NDArray derived(Parameter parameter, Device device, UnaryOperator<NDArray> derive) {
    return derived.computeIfAbsent(
        new Key(parameter.getId(), device),
        key -> {
          NDArray value = derive.apply(getValue(parameter, device, false));
          NDScope.unregister(value);
          value.attach(manager);
          return value;
        });
  }

  private record Key(String parameter, Device device) {}
}
