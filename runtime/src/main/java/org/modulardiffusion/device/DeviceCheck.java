package org.modulardiffusion.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Optional;

/**
 * Runs on a device what a training step needs of PyTorch's libraries there — a matrix product
 * (cuBLAS on a GPU), a convolution and the backward pass through it (cuDNN) — and reads the result
 * back, so that kernels that cannot run there (a GPU too new or too old for the build, a library
 * missing or mismatched) show before a long run.
 */
public final class DeviceCheck {
  /** What the check runs, in words. */
  public static final String WORK = "a matrix product, a convolution and its backward pass";

  private DeviceCheck() {}

  /**
   * Why {@link #WORK} failed on {@code device}, in one line; empty when it ran.
   *
   * @param device the device to run on
   * @return the failure, or empty
   */
  public static Optional<String> failure(Device device) {
    try (NDManager manager = NDManager.newBaseManager(device)) {
      try {
        run(manager);
        return Optional.empty();
      } catch (EngineException e) {
        return Optional.of(EngineFailure.of(WORK, manager, e, "the device is full; nvidia-smi shows what holds it")
            .getMessage());
      }
    }
  }

  private static void run(NDManager manager) {
    NDArray images = manager.randomNormal(new Shape(2, 3, 16, 16));
    NDArray kernel = manager.randomNormal(new Shape(8, 3, 3, 3));
    NDArray matrix = manager.randomNormal(new Shape(64, 64));
    kernel.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray features = Conv2d.conv2d(
          images, kernel, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
      collector.backward(features.sum().add(matrix.matMul(matrix).sum()));
    }
    kernel.getGradient().sum().getFloat(); // waits for the device
  }
}
