package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which way to a GPU {@link GpuAdvice} gives for each machine, and the commands it names. */
class GpuAdviceTest {
  private static final Path CACHE = Path.of("/home/u/.djl.ai");
  private static final Path TORCH = Path.of("/venv/lib/python3.12/site-packages/torch");

  private static EngineReport report(String flavor, int gpus, String cudaRuntime) {
    return report(flavor, gpus, cudaRuntime, null);
  }

  /** A report on a machine whose NVIDIA driver is for CUDA {@code driver}; null where none is found. */
  private static EngineReport report(String flavor, int gpus, String cudaRuntime, String driver) {
    var engine = new EngineReport.Loaded("PyTorch", "2.7.1", CACHE.resolve("pytorch/2.7.1-" + flavor + "-linux-x86_64"),
        "2.7.1", flavor, "the natives jar", gpus, 2, 2);
    return new EngineReport("17.0.15", "Debian", "0.36.0", "2.7.1", "12.8", true, CACHE, cudaRuntime, driver, engine,
        null);
  }

  private static String advise(EngineReport report, boolean driver, InstalledTorch torch) {
    return String.join("\n", GpuAdvice.advise(report, () -> driver, () -> Optional.ofNullable(torch)));
  }

  @Test
  void aSeenGpuNeedsNoAdviceAndNothingIsProbed() {
    List<String> advice = GpuAdvice.advise(report("cu128", 2, "12.8"),
        () -> { throw new AssertionError("probed the driver"); },
        () -> { throw new AssertionError("probed Python"); });
    assertEquals(List.of("DJL sees 2 GPU(s): --device gpu (or auto) runs on them."), advice);
  }

  @Test
  void withoutADriverOnlyTheCpuRemains() {
    String advice = advise(report("cpu", 0, null), false, new InstalledTorch(TORCH, "2.7.1", "12.6"));
    assertTrue(advice.startsWith("No GPU here: this machine has no NVIDIA driver"), advice);
    assertFalse(advice.contains("./diffusion train --device gpu"), advice);
  }

  @Test
  void anInstalledPytorchOfDjlsVersionIsTheFirstWay() {
    String advice = advise(report("cpu", 0, "12.8"), true, new InstalledTorch(TORCH, "2.7.1", "12.6"));
    assertTrue(advice.contains("2. your PyTorch 2.7.1 (CUDA 12.6) at " + TORCH + " is DJL's own version"), advice);
    assertTrue(advice.contains("\n       DIFFUSION_TORCH=" + TORCH + " ./diffusion train --device gpu\n"), advice);
    assertFalse(advice.contains("build-jni"), advice);
    assertTrue(advice.indexOf("2. your PyTorch") < advice.indexOf("1. let DJL download"), advice);
    assertTrue(advice.endsWith("\n       ./diffusion train --device gpu"), advice); // CUDA 12.8 here: way 1 works too
  }

  @Test
  void anotherPytorchNeedsItsJniBuilt() {
    String advice = advise(report("cpu", 0, null), true, new InstalledTorch(TORCH, "2.11.0", "13.0"));
    assertTrue(advice.contains("3. your PyTorch 2.11.0 (CUDA 13.0) at " + TORCH), advice);
    assertTrue(advice.contains("git clone --depth 1 --branch v0.36.0 https://github.com/deepjavalibrary/djl /tmp/djl\n"
        + "       gpu/build-jni.sh " + TORCH + " /tmp/djl\n"
        + "       DIFFUSION_TORCH=" + TORCH + " ./diffusion train --device gpu"), advice);
    assertTrue(advice.contains("DJL finds no CUDA runtime (libcudart) here, so it would download the CPU build"), advice);
  }

  @Test
  void aPytorchOlderThanTheNetsNeedIsNoWay() {
    String oldest = System.getProperty("modulardiffusion.pytorch.oldest");
    assertEquals(oldest, InstalledTorch.oldestVersion());
    String advice = advise(report("cpu", 0, "12.8"), true, new InstalledTorch(TORCH, "1.13.1", "11.7"));
    assertTrue(advice.contains("\n     (your PyTorch 1.13.1 (CUDA 11.7) at " + TORCH + " is older than " + oldest
        + ", the oldest the nets run on: no way to the GPU with it)\n"), advice);
    assertFalse(advice.contains("build-jni"), advice);
    assertTrue(advice.endsWith("\n       ./diffusion train --device gpu"), advice);
    assertTrue(new InstalledTorch(TORCH, oldest + ".0", "11.8").supported());
  }

  @Test
  void aDriverOfAnOlderMajorVersionRunsNoBuildOfANewerOne() {
    // A CUDA 11 driver: DJL's CUDA 12.8 build and a CUDA 12.6 PyTorch are beyond it.
    String advice = advise(report("cpu", 0, "12.8", "11.8"), true, new InstalledTorch(TORCH, "2.7.1", "12.6"));
    String older = "     but the NVIDIA driver here is for CUDA 11.8, and runs no build for CUDA %s, a newer major version:"
        + " update the driver first.";
    assertTrue(advice.contains("DIFFUSION_TORCH=" + TORCH + " ./diffusion train --device gpu\n"
        + String.format(older, "12.6") + "\n"), advice);
    assertTrue(advice.endsWith("./diffusion train --device gpu\n" + String.format(older, "12.8")), advice);

    String loaded = advise(report("cu130", 0, "13.0", "12.2"), true, null);
    assertEquals("No GPU: DJL loaded a CUDA build of libtorch (cu130) but the NVIDIA driver here is for CUDA 12.2, and"
        + " runs no build for CUDA 13.0, a newer major version: update the driver, or run a build of the driver's major"
        + " version.", loaded);
  }

  @Test
  void aDriverRunsEveryMinorVersionOfItsMajorVersion() {
    // CUDA's minor version compatibility: a 12.2 driver runs the 12.8 and 12.6 builds.
    String advice = advise(report("cpu", 0, "12.8", "12.2"), true, new InstalledTorch(TORCH, "2.7.1", "12.6"));
    assertFalse(advice.contains("update the driver"), advice);
    assertTrue(advice.endsWith("\n       ./diffusion train --device gpu"), advice);
    assertTrue(advise(report("cu128", 0, "12.8", "12.2"), true, null).contains("sees no GPU"));
  }

  @Test
  void djlsVersionBuiltForCuda11IsAnotherPytorchToo() {
    String advice = advise(report("cpu", 0, "11.8"), true, new InstalledTorch(TORCH, "2.7.1", "11.8"));
    assertTrue(advice.contains("3. your PyTorch 2.7.1 (CUDA 11.8)"), advice);
    assertTrue(advice.endsWith("but DJL's CUDA build of PyTorch 2.7.1 is for CUDA 12.8, and DJL takes no build newer"
        + " than the CUDA runtime it finds, 11.8 here: install a CUDA runtime of 12.8 or later where the loader finds"
        + " it (LD_LIBRARY_PATH) first."), advice);
  }

  @Test
  void aCudaRuntimeOlderThanDjlsBuildGetsNoCudaBuild() {
    // DJL takes the newest build it publishes that is no newer than the runtime: none of 12.8 for 12.6.
    String older = advise(report("cpu", 0, "12.6"), true, null);
    assertTrue(older.endsWith("\n       ./diffusion train --device gpu\n     but DJL's CUDA build of PyTorch 2.7.1 is for"
        + " CUDA 12.8, and DJL takes no build newer than the CUDA runtime it finds, 12.6 here: install a CUDA runtime"
        + " of 12.8 or later where the loader finds it (LD_LIBRARY_PATH) first."), older);
    for (String newer : new String[] {"12.8", "12.10", "13.0"}) {
      String advice = advise(report("cpu", 0, newer), true, null);
      assertTrue(advice.endsWith("\n       ./diffusion train --device gpu"), newer + ": " + advice);
    }
  }

  @Test
  void aJarWithoutACudaJniLeavesOnlyTheCpuBuildToDownload() {
    var engine = report("cpu", 0, "12.8").engine();
    var withoutCuda = new EngineReport("17.0.15", "Debian", "0.36.0", "2.7.1", null, true, CACHE, "12.8", null, engine,
        null);
    assertTrue(advise(withoutCuda, true, null).endsWith("but DJL's pytorch-jni jar holds the JNI of no CUDA build of"
        + " PyTorch 2.7.1, so it would download the CPU build."));
  }

  @Test
  void aCpuPytorchOrNoneLeavesTheDownload() {
    String cpu = advise(report("cpu", 0, "12.9"), true, new InstalledTorch(TORCH, "2.7.1", null));
    assertTrue(cpu.contains("your PyTorch 2.7.1 at " + TORCH + " is a CPU build"), cpu);
    assertTrue(cpu.contains("1. let DJL download the CUDA build of PyTorch 2.7.1 into " + CACHE), cpu);
    String none = advise(report("cpu", 0, "12.9"), true, null);
    assertEquals(3, none.lines().count(), none);
    assertTrue(none.endsWith("1. let DJL download the CUDA build of PyTorch 2.7.1 into " + CACHE
        + " (about 2 GB, once):\n       ./diffusion train --device gpu"), none);
  }

  @Test
  void aCudaLibtorchThatSeesNoGpuPointsAtTheDriver() {
    String advice = advise(report("cu128", 0, "12.8"), true, null);
    assertTrue(advice.startsWith("No GPU: DJL loaded a CUDA build of libtorch (cu128) but sees no GPU"), advice);
  }

  @Test
  void aCudaLibtorchWithoutACudaRuntimeForDjlPointsAtTheRuntime() {
    String advice = advise(report("cu128", 0, null), true, null);
    assertTrue(advice.startsWith("No GPU: DJL loaded a CUDA build of libtorch (cu128) but counts GPUs through a CUDA"
        + " runtime (libcudart) of its own finding, and finds none that sees one."), advice);
    assertTrue(advice.contains("site-packages/nvidia/cuda_runtime/lib"), advice);
  }

  @Test
  void gpusThatCannotRunTheCheckPointAtTheBuild() {
    assertEquals("DJL sees 2 GPU(s), but PyTorch cannot run the check on them: a libtorch (here cu128, the natives jar)"
        + " without kernels for this GPU, or without a library it needs, fails so; a PyTorch that runs on this GPU"
        + " (README, \"Running on a GPU\", ways 2 and 3) is the remedy.",
        GpuAdvice.cannotRun(report("cu128", 2, "12.8")));
  }

  @Test
  void anEngineThatDidNotLoadStillGetsTheWays() {
    var failed = new EngineReport("17.0.15", "Debian", "0.36.0", "2.7.1", "12.8", false, CACHE, null, null, null,
        "offline");
    String advice = advise(failed, true, new InstalledTorch(TORCH, "2.7.1", "12.8"));
    assertTrue(advice.startsWith("No GPU: this machine has an NVIDIA driver, but DJL did not load its engine"), advice);
    assertTrue(advice.contains("DIFFUSION_TORCH=" + TORCH), advice);
  }
}
