package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Chooses the device a model runs on. */
public final class Devices {
  private Devices() {}

  /**
   * The device named by {@code name}: {@code auto} (the first GPU when DJL sees one, else the
   * CPU), {@code cpu}, {@code gpu} or {@code gpu:N}.
   *
   * @throws IllegalArgumentException for an unknown name or a GPU that is not there
   */
  public static Device select(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    int gpus = Engine.getInstance().getGpuCount();
    if (key.equals("auto")) {
      return gpus > 0 ? Device.gpu() : Device.cpu();
    }
    if (key.equals("cpu")) {
      return Device.cpu();
    }
    if (key.equals("gpu") || key.startsWith("gpu:")) {
      int id = key.equals("gpu") ? 0 : parseId(name, key.substring(4));
      if (id >= gpus) {
        throw new IllegalArgumentException(
            "device " + name + ": " + (gpus == 0 ? "no GPU is visible to DJL" : "only " + gpus + " GPU(s) are visible")
                + "; use cpu or auto, or run ./diffusion doctor to see why and how to get one");
      }
      return Device.gpu(id);
    }
    throw new IllegalArgumentException("device: expected auto, cpu, gpu or gpu:N, got \"" + name + "\"");
  }

  private static int parseId(String name, String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("device: expected gpu:N with a number N, got \"" + name + "\"", e);
    }
  }
}
