package org.modulardiffusion.cli;

import ai.djl.Device;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.modulardiffusion.device.DeviceCheck;
import org.modulardiffusion.device.EngineReport;
import org.modulardiffusion.device.GpuAdvice;
import org.modulardiffusion.device.InstalledTorch;
import org.modulardiffusion.device.MemoryAllocator;
import org.modulardiffusion.distributed.Collective;
import org.modulardiffusion.distributed.Nccl;
import org.modulardiffusion.report.ChartSupport;
import picocli.CommandLine.Command;

/** {@code diffusion doctor}: what DJL runs on here and, without a GPU, how to get one. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the Java, DJL and libtorch this runs on and the GPUs DJL sees, and says how to get a GPU when it"
          + " sees none.",
      "Runs a few operations on each GPU (or on the CPU); exit status 2 when they fail."
    })
final class DoctorCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    EngineReport report = EngineReport.probe();
    System.out.print(format(report));
    boolean ran = report.engine() == null || check(report.engine().gpuCount());
    System.out.print(allocator(MemoryAllocator.inThisProcess()));
    System.out.print(charts(ChartSupport.here()));
    System.out.print(workers(Collective.unavailableReason(),
        gpuSums(report.engine() == null ? 0 : report.engine().gpuCount())));
    if (ran) {
      GpuAdvice.advise(report, GpuAdvice::nvidiaDriver, InstalledTorch::findWithPython).forEach(System.out::println);
      return 0;
    }
    System.out.println(report.engine().gpuCount() > 0 ? GpuAdvice.cannotRun(report) : "PyTorch cannot run on this CPU.");
    return ErrorHandler.INPUT_ERROR;
  }

  /**
   * Runs {@link DeviceCheck} on each of the {@code gpus} GPUs, or on the CPU when there are none,
   * and prints a line for each.
   *
   * @return whether it ran on all of them
   */
  private static boolean check(int gpus) {
    boolean ran = true;
    for (Device device : gpus == 0 ? List.of(Device.cpu()) : IntStream.range(0, gpus).mapToObj(Device::gpu).toList()) {
      Optional<String> failure = DeviceCheck.failure(device);
      StringBuilder text = new StringBuilder();
      line(text, "check", failure.orElse(DeviceCheck.WORK + " ran on " + device));
      System.out.print(text);
      ran &= failure.isEmpty();
    }
    return ran;
  }

  /** The report as aligned lines, one fact each. */
  static String format(EngineReport report) {
    StringBuilder text = new StringBuilder();
    line(text, "Java", report.javaVersion() + " (" + report.javaVendor() + ")");
    line(text, "DJL", report.djlVersion() + (report.jniPytorch() == null
        ? " (no pytorch-jni jar on the class path: the JNI must be in the cache)"
        : " (its pytorch-jni jar is for PyTorch " + report.jniPytorch()
            + (report.jniCuda() == null ? ", CPU only)" : ", CPU and CUDA " + report.jniCuda() + ")")));
    EngineReport.Loaded engine = report.engine();
    if (engine == null) {
      line(text, "engine", "did not load: " + report.loadError());
    } else {
      line(text, "engine", engine.name() + " " + engine.version());
      line(text, "libtorch", engine.libtorchVersion() + ", flavor " + engine.libtorchFlavor() + ", from "
          + engine.libtorchSource());
      line(text, "", engine.libtorchDir().toString());
      line(text, "GPUs", String.valueOf(engine.gpuCount()));
      line(text, "threads", "intra-op " + engine.intraOpThreads() + ", inter-op " + engine.interOpThreads());
    }
    line(text, "CUDA runtime", report.cudaRuntime() == null ? "none found" : report.cudaRuntime());
    line(text, "driver", report.driverCuda() == null
        ? "none found (libcuda.so.1)"
        : "libcuda.so.1 for CUDA " + report.driverCuda() + " (runs builds of its major version and older)");
    line(text, "offline", report.offline() ? "yes: DJL downloads nothing" : "no: DJL downloads what it lacks");
    line(text, "cache", report.engineCacheDir().toString());
    return text.toString();
  }

  /** The memory allocator and, for the C library's, the faster one to install. */
  static String allocator(MemoryAllocator allocator) {
    StringBuilder text = new StringBuilder();
    line(text, "allocator", allocator.isSystem()
        ? "the C library's malloc: operations on small arrays run up to twice as fast on the CPU with tcmalloc,"
            + " which ./diffusion preloads where it is installed (Debian, Ubuntu: apt-get install libtcmalloc-minimal4)"
        : allocator.name() + " (" + allocator.library() + ")");
    return text.toString();
  }

  /** Whether the loss plot and scatter plots can be drawn here. */
  static String charts(ChartSupport support) {
    StringBuilder text = new StringBuilder();
    line(text, "charts", switch (support) {
      case FULL -> "drawn";
      case WITHOUT_TEXT -> "drawn without text: this Java cannot draw characters (its font libraries are missing)";
      case NONE -> "not drawn: " + ChartSupport.missingFonts();
    });
    return text.toString();
  }

  /**
   * Whether training can run on several workers here, {@code unavailable} saying why not, and
   * what sums their gradients on each kind of device: {@code gpuSums} says it for the GPUs.
   */
  static String workers(Optional<String> unavailable, String gpuSums) {
    StringBuilder text = new StringBuilder();
    line(text, "workers", unavailable
        .map(reason -> "one only: " + reason)
        .orElse("several (train --workers N, or torchrun's variables): Gloo sums on the CPU; " + gpuSums));
    return text.toString();
  }

  /**
   * What sums on the {@code gpus} GPUs here: NCCL where a sum on the first of them runs, else Gloo
   * through the host, with NCCL's failure.
   */
  static String gpuSums(int gpus) {
    if (gpus == 0) {
      return "on GPUs NCCL, where the PyTorch in use brings it, else Gloo through the host";
    }
    return Nccl.failureOn(Device.gpu(0))
        .map(failure -> "on the GPUs Gloo through the host, as NCCL cannot: " + failure)
        .orElseGet(() -> "on the GPUs NCCL " + Nccl.version().orElseThrow() + " (a sum ran on gpu(0))");
  }

  private static void line(StringBuilder text, String name, String value) {
    text.append(String.format("%-13s %s%n", name, value));
  }
}
