package org.modulardiffusion.device;

import ai.djl.repository.Version;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * When DJL sees no GPU, which of the README's three ways to one applies here and the exact
 * command that takes it: (1) DJL downloads the CUDA build of its PyTorch, (2) an installed PyTorch
 * of DJL's version, (3) any other installed PyTorch, with DJL's JNI built for it.
 */
public final class GpuAdvice {
  private GpuAdvice() {}

  /**
   * Whether this machine has an NVIDIA driver: {@code /proc/driver/nvidia} or {@code nvidia-smi} on the PATH.
   *
   * @return whether it has the driver
   */
  public static boolean nvidiaDriver() {
    if (Files.isDirectory(Path.of("/proc/driver/nvidia"))) {
      return true;
    }
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, "nvidia-smi")));
  }

  /**
   * The advice for {@code report}; {@code driver} tells whether the machine has an NVIDIA driver and
   * {@code installed} finds the PyTorch that Python imports, each asked only when needed.
   *
   * @param report the engine's report
   * @param driver whether the machine has an NVIDIA driver
   * @param installed the PyTorch that Python imports, or empty
   * @return the advice, a line each
   */
  public static List<String> advise(
      EngineReport report, BooleanSupplier driver, Supplier<Optional<InstalledTorch>> installed) {
    EngineReport.Loaded engine = report.engine();
    if (engine != null && engine.gpuCount() > 0) {
      return List.of("DJL sees " + engine.gpuCount() + " GPU(s): --device gpu (or auto) runs on them.");
    }
    if (!driver.getAsBoolean()) {
      return List.of("No GPU here: this machine has no NVIDIA driver (no /proc/driver/nvidia, no nvidia-smi);"
          + " run on the CPU, the default without --device gpu or DIFFUSION_DEVICE=gpu.");
    }
    if (engine != null && engine.cuda() && !driverRuns(report, engine.cudaVersion())) {
      return List.of("No GPU: DJL loaded a CUDA build of libtorch (" + engine.libtorchFlavor() + ") but"
          + olderDriver(report, engine.cudaVersion()) + ": update the driver, or run a build of the driver's major"
          + " version.");
    }
    if (engine != null && engine.cuda() && report.cudaRuntime() == null) {
      return List.of("No GPU: DJL loaded a CUDA build of libtorch (" + engine.libtorchFlavor() + ") but counts GPUs"
          + " through a CUDA runtime (libcudart) of its own finding, and finds none that sees one. If nvidia-smi lists"
          + " a GPU, put the folder of a CUDA runtime on LD_LIBRARY_PATH: pip installs it beside torch in"
          + " site-packages/nvidia/cuda_runtime/lib (CUDA 13: nvidia/cu13/lib), where DIFFUSION_TORCH finds it.");
    }
    if (engine != null && engine.cuda()) {
      return List.of("No GPU: DJL loaded a CUDA build of libtorch (" + engine.libtorchFlavor() + ") but sees no GPU;"
          + " check that nvidia-smi lists one and that its driver supports that CUDA version.");
    }
    List<String> lines = new ArrayList<>();
    lines.add("No GPU: this machine has an NVIDIA driver, but DJL "
        + (engine == null ? "did not load its engine" : "runs a CPU build of libtorch") + ". Ways to the GPU"
        + " (README, \"Running on a GPU\"), the first that fits is best:");
    String pytorch = report.jniPytorch();
    Optional<InstalledTorch> torch = installed.get();
    torch.filter(t -> t.cuda() != null && !t.supported()).ifPresent(t ->
        lines.add("     (your PyTorch " + t.version() + " (CUDA " + t.cuda() + ") at " + t.dir() + " is older than "
            + InstalledTorch.oldestVersion() + ", the oldest the nets run on: no way to the GPU with it)"));
    torch.filter(t -> t.cuda() != null && t.supported()).ifPresent(t -> {
      String use = "DIFFUSION_TORCH=" + t.dir() + " ./diffusion train --device gpu";
      String what = "your PyTorch " + t.version() + " (CUDA " + t.cuda() + ") at " + t.dir();
      if (t.version().equals(pytorch) && t.cuda().startsWith("12.")) {
        lines.add("  2. " + what + " is DJL's own version: run on it, offline:");
        lines.add("       " + use);
      } else {
        lines.add("  3. " + what + ": build DJL's JNI for it once (a C++ compiler, about 20 s on 16 cores), then run on it:");
        lines.add("       git clone --depth 1 --branch v" + report.djlVersion()
            + " https://github.com/deepjavalibrary/djl /tmp/djl");
        lines.add("       gpu/build-jni.sh " + t.dir() + " /tmp/djl");
        lines.add("       " + use);
      }
      if (!driverRuns(report, t.cuda())) {
        lines.add("     but" + olderDriver(report, t.cuda()) + ": update the driver first.");
      }
    });
    torch.filter(t -> t.cuda() == null).ifPresent(t ->
        lines.add("     (your PyTorch " + t.version() + " at " + t.dir() + " is a CPU build: no way to the GPU)"));
    lines.add("  1. let DJL download the CUDA build of PyTorch " + pytorch + " into " + report.engineCacheDir()
        + " (about 2 GB, once):");
    lines.add("       ./diffusion train --device gpu");
    String cuda = report.jniCuda();
    if (cuda == null) {
      lines.add("     but DJL's pytorch-jni jar holds the JNI of no CUDA build of PyTorch " + pytorch
          + ", so it would download the CPU build.");
    } else if (!driverRuns(report, cuda)) {
      lines.add("     but" + olderDriver(report, cuda) + ": update the driver first.");
    } else if (report.cudaRuntime() == null) {
      lines.add("     but DJL finds no CUDA runtime (libcudart) here, so it would download the CPU build: install a"
          + " CUDA runtime of " + cuda + " or later where the loader finds it (LD_LIBRARY_PATH) first.");
    } else if (new Version(report.cudaRuntime()).compareTo(new Version(cuda)) < 0) {
      lines.add("     but DJL's CUDA build of PyTorch " + pytorch + " is for CUDA " + cuda + ", and DJL takes no build"
          + " newer than the CUDA runtime it finds, " + report.cudaRuntime() + " here: install a CUDA runtime of "
          + cuda + " or later where the loader finds it (LD_LIBRARY_PATH) first.");
    }
    return lines;
  }

  /** Whether the driver runs a build for CUDA {@code cuda}, or is not known not to. */
  private static boolean driverRuns(EngineReport report, String cuda) {
    return report.driverCuda() == null || CudaDriver.runs(report.driverCuda(), cuda);
  }

  /** Why the driver does not run a build for CUDA {@code cuda}, after "but". */
  private static String olderDriver(EngineReport report, String cuda) {
    return " the NVIDIA driver here is for CUDA " + report.driverCuda() + ", and runs no build for CUDA " + cuda
        + ", a newer major version";
  }

  /**
   * The advice for {@code report} when DJL sees GPUs but {@link DeviceCheck} failed on them: the
   * libtorch cannot run there.
   *
   * @param report the engine's report, whose engine loaded
   * @return the advice
   */
  public static String cannotRun(EngineReport report) {
    return "DJL sees " + report.engine().gpuCount() + " GPU(s), but PyTorch cannot run the check on them: a libtorch"
        + " (here " + report.engine().libtorchFlavor() + ", " + report.engine().libtorchSource() + ") without kernels"
        + " for this GPU, or without a library it needs, fails so; a PyTorch that runs on this GPU (README, \"Running"
        + " on a GPU\", ways 2 and 3) is the remedy.";
  }
}
