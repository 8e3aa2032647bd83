package org.modulardiffusion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** {@link Devices} on the CPU libtorch of the tests, which sees no GPU. */
class DevicesTest {
  @Test
  void autoAndCpuAreTheCpu() {
    assertEquals(Device.cpu(), Devices.select("auto"));
    assertEquals(Device.cpu(), Devices.select(" CPU "));
  }

  @Test
  void aGpuThatIsNotThereSendsTheUserToDoctor() {
    var e = assertThrows(IllegalArgumentException.class, () -> Devices.select("gpu"));
    assertEquals("device gpu: no GPU is visible to DJL; use cpu or auto, or run ./diffusion doctor to see why"
        + " and how to get one", e.getMessage());
  }

  @Test
  void aMalformedNameIsRefusedWithWhatIsExpected() {
    for (String name : new String[] {"gpu:x", "gpu:-1", "gpu:"}) {
      assertEquals("expected a device gpu:N with a number N of 0 or more, got \"" + name + "\"",
          assertThrows(IllegalArgumentException.class, () -> Devices.select(name)).getMessage());
    }
    assertEquals("expected a device, auto, cpu, gpu or gpu:N, got \"cuda\"",
        assertThrows(IllegalArgumentException.class, () -> Devices.select("cuda")).getMessage());
  }
}
