package org.modulardiffusion.device;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * The NVIDIA driver's own library, libcuda: the CUDA version it is for, and the few calls of its
 * API that the project makes. It runs builds for that major version, of any minor version (CUDA's
 * minor version compatibility), and none for a newer major version.
 */
public final class CudaDriver {
  private CudaDriver() {}

  /**
   * The driver's library, where it loads.
   *
   * @return its calls; empty on a machine without NVIDIA's driver
   */
  public static Optional<Api> load() {
    try {
      return Optional.of(Native.load("libcuda.so.1", Api.class));
    } catch (UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }

  /** The CUDA version of the driver ({@code 12.2}), or null where no driver's library loads. */
  static String cudaVersion() {
    int[] version = new int[1];
    return load()
        .filter(driver -> driver.cuDriverGetVersion(version) == 0)
        .map(driver -> EngineReport.cudaVersion(version[0]))
        .orElse(null);
  }

  /** Whether a driver for CUDA {@code driver} runs a build for CUDA {@code build}: its major version is no newer. */
  static boolean runs(String driver, String build) {
    return major(build) <= major(driver);
  }

  private static int major(String cuda) {
    return Integer.parseInt(cuda.substring(0, cuda.indexOf('.')));
  }

  /** The calls of CUDA's driver API (cuda.h) the project makes; each returns a CUresult, 0 for success. */
  public interface Api extends Library {
    /**
     * The CUDA version the driver is for.
     *
     * @param version receives it, 1000 × major + 10 × minor
     * @return the CUresult
     */
    int cuDriverGetVersion(int[] version);

    /**
     * A GPU by its ordinal.
     *
     * @param device receives the device
     * @param ordinal the GPU's index, from 0
     * @return the CUresult
     */
    int cuDeviceGet(IntByReference device, int ordinal);

    /**
     * The GPU's primary context, the one the CUDA runtime and PyTorch use.
     *
     * @param context receives the context
     * @param device the device
     * @return the CUresult
     */
    int cuDevicePrimaryCtxRetain(PointerByReference context, int device);

    /**
     * Makes {@code context} the calling thread's current context.
     *
     * @param context the context
     * @return the CUresult
     */
    int cuCtxSetCurrent(Pointer context);

    /**
     * The state of a stream's work.
     *
     * @param stream the stream; null for the legacy default stream, PyTorch's
     * @return 0 when its work has finished, 600 (CUDA_ERROR_NOT_READY) while it goes on, else an error
     */
    int cuStreamQuery(Pointer stream);
  }
}
