package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void aGpuThatIsNotThereOnTheCpuNativesJarSaysHowToAskForOne() {
    // The tests run on the CPU natives jar, as ./diffusion does unless a GPU is asked for.
    var e = assertThrows(IllegalArgumentException.class, () -> Devices.select("gpu"));
    assertEquals("device gpu: no GPU is visible to DJL, which runs the CPU natives jar: ./diffusion loads that unless"
        + " a GPU is asked for, by DIFFUSION_DEVICE=gpu before the command or --device gpu after train, sample or"
        + " eval; or use cpu or auto", e.getMessage());
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
