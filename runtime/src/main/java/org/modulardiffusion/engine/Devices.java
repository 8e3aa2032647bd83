package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Chooses the device a model runs on. */
public final class Devices {
  private Devices() {}

  /**
   * The device named by {@code name}: {@code auto} (the first GPU when DJL sees one, else the
   * CPU), {@code cpu}, {@code gpu} or {@code gpu:N}. The name is checked before DJL's engine is
   * asked for its GPUs, which loads it: a misspelt name is refused without a download.
   *
   * @throws IllegalArgumentException for an unknown name or a GPU that is not there
   */
  public static Device select(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("cpu")) {
      return Device.cpu();
    }
    if (!key.equals("auto") && !key.equals("gpu") && !key.startsWith("gpu:")) {
      throw new IllegalArgumentException("expected a device, auto, cpu, gpu or gpu:N, got \"" + name + "\"");
    }
    int id = key.startsWith("gpu:") ? parseId(name, key.substring(4)) : 0;
    int gpus = Engine.getInstance().getGpuCount();
    if (key.equals("auto")) {
      return gpus > 0 ? Device.gpu() : Device.cpu();
    }
    if (id >= gpus) {
      throw new IllegalArgumentException(
          "device " + name + ": " + (gpus == 0 ? "no GPU is visible to DJL" : "only " + gpus + " GPU(s) are visible")
              + "; use cpu or auto, or run ./diffusion doctor to see why and how to get one");
    }
    return Device.gpu(id);
  }

  private static int parseId(String name, String id) {
    try {
      int number = Integer.parseInt(id);
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("expected a device gpu:N with a number N of 0 or more, got \"" + name + "\"");
  }
}
