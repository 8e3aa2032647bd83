package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DeviceCheck} on the CPU libtorch of the tests: its CPU runs, a GPU it was not built for does not. */
class DeviceCheckTest {
  @Test
  void theCpuRunsTheCheck() {
    assertEquals(Optional.empty(), DeviceCheck.failure(Device.cpu()));
  }

  @Test
  void aDeviceWhoseKernelsAreMissingFailsWithPyTorchsReason() {
    String failure = DeviceCheck.failure(Device.gpu(0)).orElseThrow();
    assertTrue(failure.startsWith("a matrix product, a convolution and its backward pass failed in PyTorch on gpu(0):"
        + " Could not run 'aten::"), failure);
    assertTrue(failure.contains("with arguments from the 'CUDA' backend"), failure);
  }
}
