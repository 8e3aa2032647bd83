package org.modulardiffusion.device;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The NVIDIA driver's own library, libcuda, asked for the CUDA version it is for. It runs builds
 * for that major version, of any minor version (CUDA's minor version compatibility), and none for
 * a newer major version.
 */
final class CudaDriver {
  private CudaDriver() {}

  /** The CUDA version of the driver ({@code 12.2}), or null where no driver's library loads. */
  static String cudaVersion() {
    try {
      Api driver = Native.load("libcuda.so.1", Api.class);
      int[] version = new int[1];
      return driver.cuDriverGetVersion(version) == 0 ? EngineReport.cudaVersion(version[0]) : null;
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /** Whether a driver for CUDA {@code driver} runs a build for CUDA {@code build}: its major version is no newer. */
  static boolean runs(String driver, String build) {
    return major(build) <= major(driver);
  }

  private static int major(String cuda) {
    return Integer.parseInt(cuda.substring(0, cuda.indexOf('.')));
  }

  /** The one call of CUDA's driver API this needs. */
  interface Api extends Library {
    int cuDriverGetVersion(int[] version);
  }
}
