package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.device.GpuAdvice;

/**
 * The {@code diffusion} launcher's choice of PyTorch natives and memory allocator: a copy of it
 * runs in a built-looking project whose {@code java} is a fake that records its arguments, DJL's
 * variables and {@code LD_PRELOAD}, and whose {@code ldconfig} lists the libraries of {@link
 * #installed}.
 */
class LauncherTest {
  private static final String CPU_JAR = "/m2/ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar";
  private static final String JNI_JAR = "/m2/ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar";
  private static final String OFFLINE = "-Dai.djl.offline=true";

  @TempDir Path folder;
  private Path project;
  private Path home;
  private Path record;
  /** What the fake {@code ldconfig -p} prints: no tcmalloc unless a test writes one. */
  private Path installed;

  @BeforeEach
  void copyProject() throws IOException {
    project = Files.createDirectories(folder.resolve("project"));
    Files.copy(Script.ROOT.resolve("diffusion"), project.resolve("diffusion"));
    Files.copy(Script.ROOT.resolve("pom.xml"), project.resolve("pom.xml"));
    Files.createDirectories(project.resolve("gpu"));
    Files.copy(Script.ROOT.resolve("gpu/torch.sh"), project.resolve("gpu/torch.sh"));
    for (String module : List.of("annotations", "processor", "runtime", "modules-std")) {
      Files.createDirectories(project.resolve(module + "/src/main/java"));
    }
    Path target = Files.createDirectories(project.resolve("modules-std/target"));
    Files.writeString(target.resolve("classpath.txt"), "/m2/ai/djl/api/0.36.0/api-0.36.0.jar:" + CPU_JAR + ":" + JNI_JAR);
    Files.createFile(target.resolve("modules-std-0.1.0-SNAPSHOT.jar"));
    home = Files.createDirectories(folder.resolve("home"));
    record = Files.createDirectories(folder.resolve("record"));
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Files.writeString(bin.resolve("java"), """
        #!/bin/sh
        printf '%s\\n' "$@" > "$RECORD/args"
        env | grep '^PYTORCH_\\|^LD_PRELOAD=' | sort > "$RECORD/env"
        """);
    assertTrue(bin.resolve("java").toFile().setExecutable(true));
    // A machine with an NVIDIA driver, as GpuAdvice tells one; aGpuOnAMachineWithoutADriverIsRefused removes it.
    Files.writeString(bin.resolve("nvidia-smi"), "#!/bin/sh\n");
    assertTrue(bin.resolve("nvidia-smi").toFile().setExecutable(true));
    installed = Files.writeString(folder.resolve("ldconfig.txt"), "");
    Files.writeString(bin.resolve("ldconfig"), "#!/bin/sh\ncat '" + installed + "'\n");
    assertTrue(bin.resolve("ldconfig").toFile().setExecutable(true));
  }

  /** A run of the launcher: its exit status, what it printed, and what it gave java. */
  private record Launch(int status, String stderr, List<String> args, Map<String, String> env) {
    String classPath() {
      return args.get(args.indexOf("-cp") + 1);
    }
  }

  private Launch launch(Map<String, String> env, String... args) throws Exception {
    var withPath = new java.util.HashMap<>(env);
    withPath.put("PATH", folder.resolve("bin") + ":" + System.getenv("PATH"));
    withPath.put("RECORD", record.toString());
    Script.Result result = Script.run(project.resolve("diffusion"), withPath, home, args);
    Path argsFile = record.resolve("args");
    List<String> javaArgs = Files.exists(argsFile) ? Files.readAllLines(argsFile) : List.of();
    Map<String, String> javaEnv = Files.exists(argsFile)
        ? Files.readAllLines(record.resolve("env")).stream()
            .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)))
        : Map.of();
    return new Launch(result.status(), result.stderr(), javaArgs, javaEnv);
  }

  private static void assertCpuOffline(Launch launch) {
    assertEquals(0, launch.status(), launch.stderr());
    assertTrue(launch.args().contains(OFFLINE), launch.args().toString());
    assertTrue(launch.classPath().contains(CPU_JAR), launch.classPath());
    assertEquals(Map.of(), launch.env());
  }

  @Test
  void byDefaultTheCpuNativesJarRunsOffline() throws Exception {
    Launch launch = launch(Map.of(), "train", "--epochs", "1");
    assertCpuOffline(launch);
    assertEquals(List.of("org.modulardiffusion.cli.Diffusion", "train", "--epochs", "1"),
        launch.args().subList(launch.args().size() - 4, launch.args().size()));
    assertTrue(launch.classPath().startsWith(project.resolve("modules-std/target/modules-std-0.1.0-SNAPSHOT.jar") + ":"));
  }

  @Test
  void deviceGpuLeavesTheCpuNativesOutAndGoesOnline() throws Exception {
    for (Launch launch : List.of(
        launch(Map.of(), "train", "--device", "gpu"),
        launch(Map.of(), "train", "--device=gpu:1"),
        launch(Map.of("DIFFUSION_DEVICE", "gpu"), "sample", "--checkpoint", "out"))) {
      assertEquals(0, launch.status(), launch.stderr());
      assertFalse(launch.args().contains(OFFLINE), launch.args().toString());
      assertFalse(launch.classPath().contains("pytorch-native-cpu"), launch.classPath());
      assertTrue(launch.classPath().contains(JNI_JAR), launch.classPath());
      // The CUDA runtime DJL needs is that of the jar's CUDA JNI: cu128 is CUDA 12.8.
      assertTrue(launch.stderr().endsWith("DJL downloads the CUDA build of PyTorch 2.7.1 (about 2 GB, once) into " + home
          + "/.djl.ai/pytorch if it finds a CUDA runtime of 12.8 or later, else the CPU build; ./diffusion doctor says"
          + " which\n"), launch.stderr());
    }
  }

  @Test
  void aGpuOnAMachineWithoutADriverIsRefusedBeforeAnyDownload() throws Exception {
    Files.delete(folder.resolve("bin/nvidia-smi"));
    assumeFalse(GpuAdvice.nvidiaDriver(), "this machine has an NVIDIA driver");
    for (Launch launch : List.of(
        launch(Map.of(), "train", "--device", "gpu"),
        launch(Map.of("DIFFUSION_DEVICE", "gpu:1"), "doctor"))) {
      assertEquals(2, launch.status());
      assertTrue(launch.stderr().startsWith("error: device gpu"), launch.stderr());
      assertTrue(launch.stderr().contains(": this machine has no NVIDIA driver (no /proc/driver/nvidia, no nvidia-smi)"),
          launch.stderr());
      assertEquals(List.of(), launch.args());
    }
  }

  @Test
  void theCommandLineDeviceWinsOverTheVariable() throws Exception {
    assertCpuOffline(launch(Map.of("DIFFUSION_DEVICE", "gpu"), "train", "--device", "cpu"));
    assertCpuOffline(launch(Map.of("DIFFUSION_DEVICE", "cpu"), "bench"));
  }

  @Test
  void noDownloadNoteOnceDjlHasItsCudaBuild() throws Exception {
    Path cached = Files.createDirectories(home.resolve(".djl.ai/pytorch/2.7.1-cu128-" + Script.classifier()));
    Files.createFile(cached.resolve("libtorch.so"));
    Launch launch = launch(Map.of(), "train", "--device", "gpu");
    assertFalse(launch.args().contains(OFFLINE));
    assertEquals("", launch.stderr());
  }

  @Test
  void aCpuBuildThatDjlDownloadedIsNamedNotPromisedAgain() throws Exception {
    // The natives jar's own copy, with its date in the name, is not DJL's download.
    Path jars = Files.createDirectories(home.resolve(".djl.ai/pytorch/2.7.1-20250812-cpu-" + Script.classifier()));
    Files.createFile(jars.resolve("libtorch.so"));
    assertTrue(launch(Map.of(), "train", "--device", "gpu").stderr().contains("DJL downloads the CUDA build"));
    Path downloaded = Files.createDirectories(home.resolve(".djl.ai/pytorch/2.7.1-cpu-" + Script.classifier()));
    Files.createFile(downloaded.resolve("libtorch.so"));
    Launch launch = launch(Map.of(), "train", "--device", "gpu");
    assertFalse(launch.args().contains(OFFLINE));
    assertEquals("device gpu: DJL's cache holds only the CPU build of PyTorch 2.7.1, which DJL takes without a CUDA"
        + " runtime of 12.8 or later; ./diffusion doctor says what it finds\n", launch.stderr());
  }

  @Test
  void anInstalledPytorchOfDjlsVersionRunsOfflineWithTheJarsCudaJni() throws Exception {
    Path torch = Script.fakeTorch(folder.resolve("site-packages"), System.getProperty("modulardiffusion.pytorch"), "12.6");
    Launch launch = launch(Map.of("DIFFUSION_TORCH", torch.toString()), "train", "--device", "gpu");
    assertEquals(0, launch.status(), launch.stderr());
    assertTrue(launch.args().contains(OFFLINE), launch.args().toString());
    assertFalse(launch.classPath().contains("pytorch-native-cpu"), launch.classPath());
    assertEquals(Map.of("PYTORCH_LIBRARY_PATH", torch.resolve("lib").toString(),
        "PYTORCH_VERSION", System.getProperty("modulardiffusion.pytorch"), "PYTORCH_FLAVOR", "cu128"), launch.env());
  }

  @Test
  void theCudaRuntimeBesideAnInstalledPytorchIsWhereDjlCountsTheGpus() throws Exception {
    Path site = folder.resolve("site-packages");
    Path torch = Script.fakeTorch(site, System.getProperty("modulardiffusion.pytorch"), "12.6");
    assertFalse(String.join(" ", launch(Map.of("DIFFUSION_TORCH", torch.toString()), "train").args()).contains("jna"));
    // pip puts CUDA 12's runtime in nvidia/cuda_runtime/lib, CUDA 13's in nvidia/cu13/lib.
    for (String lib : List.of("nvidia/cuda_runtime/lib", "nvidia/cu13/lib")) {
      Path runtime = Files.createDirectories(site.resolve(lib));
      Files.createFile(runtime.resolve("libcudart.so.12"));
      Launch launch = launch(Map.of("DIFFUSION_TORCH", torch.toString()), "train", "--device", "gpu");
      assertEquals(0, launch.status(), launch.stderr());
      assertEquals(List.of("-Djna.library.path=" + runtime, "-Dai.djl.offline=true"),
          launch.args().subList(0, 2), launch.args().toString());
      Files.delete(runtime.resolve("libcudart.so.12"));
    }
    // A CPU build counts no GPU.
    Path cpu = Script.fakeTorch(folder.resolve("cpu"), System.getProperty("modulardiffusion.pytorch"), null);
    Files.createFile(Files.createDirectories(folder.resolve("cpu/nvidia/cuda_runtime/lib")).resolve("libcudart.so.12"));
    assertFalse(String.join(" ", launch(Map.of("DIFFUSION_TORCH", cpu.toString()), "train").args()).contains("jna"));
  }

  @Test
  void anotherPytorchNeedsItsJniBuiltFirst() throws Exception {
    Path torch = Script.fakeTorch(folder.resolve("site-packages"), "2.11.0", "13.0");
    Launch refused = launch(Map.of("DIFFUSION_TORCH", torch.toString()), "train");
    assertEquals(2, refused.status());
    assertTrue(refused.stderr().contains("gpu/build-jni.sh " + torch), refused.stderr());
    assertEquals(List.of(), refused.args());

    Path cache = folder.resolve("cache");
    Path jni = cache.resolve("pytorch/2.11.0-cu130-" + Script.classifier() + "/"
        + System.getProperty("modulardiffusion.djl") + "-libdjl_torch.so");
    Files.createDirectories(jni.getParent());
    Files.createFile(jni);
    Launch launch = launch(Map.of("DIFFUSION_TORCH", torch.getParent().toString(), "ENGINE_CACHE_DIR", cache.toString()), "train");
    assertEquals(0, launch.status(), launch.stderr());
    assertTrue(launch.args().contains(OFFLINE));
    assertEquals(Map.of("PYTORCH_LIBRARY_PATH", torch.resolve("lib").toString(),
        "PYTORCH_VERSION", "2.11.0", "PYTORCH_FLAVOR", "cu130"), launch.env());
  }

  @Test
  void aPytorchOlderThanTheNetsNeedIsRefused() throws Exception {
    Path torch = Script.fakeTorch(folder.resolve("site-packages"), "1.13.0a0", "11.7");
    Launch refused = launch(Map.of("DIFFUSION_TORCH", torch.toString()), "train");
    assertEquals(2, refused.status());
    assertTrue(refused.stderr().contains("error: PyTorch 1.13.0 at " + torch + " is older than "
        + System.getProperty("modulardiffusion.pytorch.oldest") + ", the oldest the nets run on"), refused.stderr());
    assertEquals(List.of(), refused.args());
  }

  @Test
  void djlsOwnLibraryPathRunsOfflineWithoutTheCpuNatives() throws Exception {
    Launch launch = launch(Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), "train", "--device", "gpu");
    assertEquals(0, launch.status(), launch.stderr());
    assertTrue(launch.args().contains(OFFLINE));
    assertFalse(launch.classPath().contains("pytorch-native-cpu"));
    assertEquals(Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), launch.env());
  }

  @Test
  void aFolderThatIsNotTorchIsRefused() throws Exception {
    Launch launch = launch(Map.of("DIFFUSION_TORCH", folder.toString()), "train");
    assertEquals(2, launch.status());
    assertTrue(launch.stderr().contains("is not an installed PyTorch's torch folder"), launch.stderr());
    assertEquals(List.of(), launch.args());
  }

  @Test
  void theFirstBuildPrintsNoColourCodes() throws Exception {
    // Maven 3.8's quiet mode prints colour resets on both streams: a fake mvn does so, and builds.
    Files.delete(project.resolve("modules-std/target/modules-std-0.1.0-SNAPSHOT.jar"));
    Files.writeString(folder.resolve("bin/mvn"), """
        #!/bin/sh
        printf '\\033[0m\\033[0mbuilt\\n'
        printf '\\033[0m\\033[1;31mwarned\\033[0m\\n' >&2
        touch modules-std/target/modules-std-0.1.0-SNAPSHOT.jar
        """);
    assertTrue(folder.resolve("bin/mvn").toFile().setExecutable(true));
    Launch launch = launch(Map.of(), "doctor");
    assertEquals(0, launch.status(), launch.stderr());
    assertEquals("building Modular Diffusion (once; takes a minute) ...\nbuilt\nwarned\n", launch.stderr());
  }

  @Test
  void tcmallocIsPreloadedWhereInstalled() throws Exception {
    Files.writeString(installed, String.join("\n",
        "4 libs found in cache `/etc/ld.so.cache'",
        "\tlibtcmalloc_minimal_debug.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libtcmalloc_minimal_debug.so.4",
        "\tlibtcmalloc_minimal.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
        "\tlibtcmalloc.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libtcmalloc.so.4",
        "\tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6",
        ""));
    assertEquals(Map.of("LD_PRELOAD", "libtcmalloc_minimal.so.4"), launch(Map.of(), "bench").env());
    assertEquals(Map.of("LD_PRELOAD", "libtcmalloc_minimal.so.4:/opt/libfaketime.so"),
        launch(Map.of("LD_PRELOAD", "/opt/libfaketime.so"), "bench").env());
    assertEquals(Map.of("LD_PRELOAD", "/opt/libjemalloc.so.2"),
        launch(Map.of("LD_PRELOAD", "/opt/libjemalloc.so.2"), "bench").env());
    assertEquals(Map.of(), launch(Map.of("DIFFUSION_MALLOC", "system"), "bench").env());

    Files.writeString(installed, "\tlibtcmalloc.so.4 (libc6,x86-64) => /usr/lib64/libtcmalloc.so.4\n");
    assertEquals(Map.of("LD_PRELOAD", "libtcmalloc.so.4"), launch(Map.of(), "bench").env());
  }

  @Test
  void anUnknownAllocatorIsRefused() throws Exception {
    Launch launch = launch(Map.of("DIFFUSION_MALLOC", "jemalloc"), "train");
    assertEquals(2, launch.status());
    assertEquals("error: DIFFUSION_MALLOC is 'jemalloc'; it takes tcmalloc (the default: preloaded where installed)"
        + " or system (the C library's malloc)\n", launch.stderr());
    assertEquals(List.of(), launch.args());
  }

  @Test
  void aChangedMainSourceRebuildsOnceAndATestSourceNever() throws Exception {
    // A fake mvn that, like Maven with unchanged classes, leaves the jar as it was.
    Files.writeString(folder.resolve("bin/mvn"), "#!/bin/sh\necho built >> \"$RECORD/builds\"\n");
    assertTrue(folder.resolve("bin/mvn").toFile().setExecutable(true));
    Path builds = record.resolve("builds");
    // Everything as built a minute ago.
    long past = System.currentTimeMillis() - 60_000;
    try (var files = Files.walk(project)) {
      files.forEach(file -> assertTrue(file.toFile().setLastModified(past)));
    }

    Path test = Files.createDirectories(project.resolve("runtime/src/test/java")).resolve("SomeTest.java");
    Files.writeString(test, "class SomeTest {}");
    assertEquals(0, launch(Map.of(), "doctor").status());
    assertFalse(Files.exists(builds));

    Files.writeString(project.resolve("runtime/src/main/java/Some.java"), "class Some {}");
    assertEquals(0, launch(Map.of(), "doctor").status());
    assertEquals(0, launch(Map.of(), "doctor").status());
    assertEquals(List.of("built"), Files.readAllLines(builds));
  }
}
