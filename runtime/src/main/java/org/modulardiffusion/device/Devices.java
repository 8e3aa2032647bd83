package org.modulardiffusion.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Chooses the device a model runs on, and tells the memory free on it. */
public final class Devices {
  private Devices() {}

  /**
   * The device named by {@code name}: {@code auto} (the first GPU when DJL sees one, else the
   * CPU), {@code cpu}, {@code gpu} or {@code gpu:N}. The name is checked before DJL's engine is
   * asked for its GPUs, which loads it: a misspelt name is refused without a download.
   *
   * @param name the name, in any case
   * @return the device
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
      throw new IllegalArgumentException("device " + name + ": " + missing(gpus));
    }
    return Device.gpu(id);
  }

  /**
   * The memory a new allocation on {@code device} may take: on a GPU, what CUDA reports as free
   * (PyTorch's cache of freed blocks counts as taken, so this errs on the safe side); on the
   * CPU, Linux's estimate of available memory (free memory plus caches it can drop), else what
   * Java reports as free.
   *
   * @param device the device
   * @return the memory, in bytes
   */
  public static long availableMemory(Device device) {
    if (device.isGpu()) {
      MemoryUsage gpu = CudaUtils.getGpuMemory(device);
      return gpu.getMax() - gpu.getUsed();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: what Java reports below
    }
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getFreeMemorySize();
  }

  /** Why a GPU asked for is not there, when DJL sees {@code gpus} of them, and what to do. */
  private static String missing(int gpus) {
    if (gpus > 0) {
      return "only " + gpus + " GPU(s) are visible; use cpu or auto, or one of gpu:0 to gpu:" + (gpus - 1);
    }
    if (EngineReport.runsCpuNativesJar()) {
      return "no GPU is visible to DJL, which runs the CPU natives jar: ./diffusion loads that unless a GPU is asked"
          + " for, by DIFFUSION_DEVICE=gpu before the command or --device gpu after train, sample or eval; or use"
          + " cpu or auto";
    }
    return "no GPU is visible to DJL; use cpu or auto, or run ./diffusion doctor to see why and how to get one";
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
