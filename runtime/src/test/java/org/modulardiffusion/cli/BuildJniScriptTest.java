package org.modulardiffusion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gpu/build-jni.sh}: its arguments, the compile and link lines it hands {@code $CXX} (a fake
 * that records them and writes its {@code -o} file) and where it installs DJL's JNI.
 */
class BuildJniScriptTest {
  private static final Path SCRIPT = Script.ROOT.resolve("gpu/build-jni.sh");
  private static final String DJL = System.getProperty("modulardiffusion.djl");

  @TempDir Path folder;
  private Path torch;
  private Path sources;
  private Path headers;
  private Path cache;
  private Path log;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void fakes() throws IOException {
    torch = Script.fakeTorch(folder.resolve("site-packages"), "2.11.0", "13.0");
    Files.createDirectories(torch.resolve("share/cmake/Torch"));
    Files.writeString(torch.resolve("share/cmake/Torch/TorchConfig.cmake"),
        "set(TORCH_CXX_FLAGS \"-D_GLIBCXX_USE_CXX11_ABI=0\")\n");
    sources = Files.createDirectories(folder.resolve("djl-jni"));
    Files.createDirectories(sources.resolve("djl"));
    Files.writeString(sources.resolve("djl/utils.h"), "");
    Files.writeString(sources.resolve("tensor.cc"), "");
    Files.writeString(sources.resolve("system.cc"), "");
    headers = Files.createDirectories(folder.resolve("headers"));
    Files.writeString(headers.resolve("ai_djl_pytorch_jni_PyTorchLibrary.h"), "");
    Files.writeString(headers.resolve("jni.h"), "");
    cache = folder.resolve("cache");
    log = folder.resolve("cxx.log");
    Path cxx = folder.resolve("fake-cxx");
    Files.writeString(cxx, """
        #!/bin/sh
        echo "$*" >> "$CXX_LOG"
        while [ $# -gt 0 ]; do
          if [ "$1" = -o ]; then echo "made by the fake compiler" > "$2"; fi
          shift
        done
        """);
    assertTrue(cxx.toFile().setExecutable(true));
    env.put("CXX", cxx.toString());
    env.put("CXX_LOG", log.toString());
    env.put("ENGINE_CACHE_DIR", cache.toString());
  }

  private Script.Result build(String... args) throws Exception {
    return Script.run(SCRIPT, env, folder, args);
  }

  private Path jni(String versionAndFlavor) {
    return cache.resolve("pytorch/" + versionAndFlavor + "-" + Script.classifier() + "/" + DJL + "-libdjl_torch.so");
  }

  @Test
  void compilesEachSourceLinksAgainstTheTorchLibrariesAndInstallsWhereDjlLooks() throws Exception {
    Script.Result result = build("--headers", headers.toString(), torch.toString(), sources.toString());
    assertEquals(0, result.status(), result.stderr());

    List<String> lines = Files.readAllLines(log);
    assertEquals(3, lines.size(), lines.toString());
    List<String> compiles = lines.stream().filter(line -> line.contains(" -c ")).sorted().toList();
    assertEquals(2, compiles.size(), lines.toString());
    assertTrue(compiles.get(0).contains("-c system.cc"), compiles.get(0));
    assertTrue(compiles.get(1).contains("-c tensor.cc"), compiles.get(1));
    for (String compile : compiles) {
      for (String flag : List.of("-D_GLIBCXX_USE_CXX11_ABI=0", "-I" + torch + "/include",
          "-I" + torch + "/include/torch/csrc/api/include", "-I" + headers, "-I" + sources, "-fPIC")) {
        assertTrue(List.of(compile.split(" ")).contains(flag), flag + " missing in " + compile);
      }
    }
    String link = lines.stream().filter(line -> line.startsWith("-shared")).findFirst().orElseThrow();
    for (String flag : List.of("-L" + torch + "/lib", "-ltorch", "-ltorch_cpu", "-lc10", "-ltorch_cuda", "-lc10_cuda",
        "-Wl,-rpath," + torch + "/lib")) {
      assertTrue(List.of(link.split(" ")).contains(flag), flag + " missing in " + link);
    }

    Path installed = jni("2.11.0-cu130");
    assertEquals("made by the fake compiler\n", Files.readString(installed));
    try (var files = Files.list(installed.getParent())) {
      assertEquals(List.of(installed), files.toList()); // the partial file was renamed, not left behind
    }
    assertTrue(result.stdout().contains("DIFFUSION_TORCH=" + torch + " ./diffusion train --device gpu"), result.stdout());
    assertTrue(result.stdout().contains("PYTORCH_LIBRARY_PATH=" + torch + "/lib PYTORCH_VERSION=2.11.0 PYTORCH_FLAVOR=cu130"),
        result.stdout());
  }

  @Test
  void foldersGivenRelativeToTheWorkingFolderReachTheCompilerAbsolute() throws Exception {
    // The compiler runs in the sources' folder, where a relative path would no longer lead anywhere.
    Script.Result result = build("--headers", "headers", "site-packages/torch", "djl-jni");
    assertEquals(0, result.status(), result.stderr());
    for (String compile : Files.readAllLines(log).stream().filter(line -> line.contains(" -c ")).toList()) {
      for (String flag : List.of("-I" + headers, "-I" + headers + "/linux", "-I" + sources)) {
        assertTrue(List.of(compile.split(" ")).contains(flag), flag + " missing in " + compile);
      }
    }
    assertEquals("made by the fake compiler\n", Files.readString(jni("2.11.0-cu130")));
  }

  @Test
  void theAbiOptionOverridesTorchConfig() throws Exception {
    assertEquals(0, build("--abi", "1", "--headers", headers.toString(), torch.toString(), sources.toString()).status());
    assertTrue(Files.readAllLines(log).stream().filter(line -> line.contains(" -c "))
        .allMatch(line -> line.contains("-D_GLIBCXX_USE_CXX11_ABI=1")));
  }

  @Test
  void withoutTorchConfigsAbiTheSymbolsOfLibc10TellIt() throws Exception {
    Files.delete(torch.resolve("share/cmake/Torch/TorchConfig.cmake"));
    Files.writeString(torch.resolve("lib/libc10.so"), "not a real library");
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Files.writeString(bin.resolve("nm"), "#!/bin/sh\necho '0000000000001000 T _ZN3c105ErrorC1ENSt7__cxx1112basic_stringIcEE'\n");
    assertTrue(bin.resolve("nm").toFile().setExecutable(true));
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    assertEquals(0, build("--headers", headers.toString(), torch.toString(), sources.toString()).status());
    assertTrue(Files.readAllLines(log).stream().filter(line -> line.contains(" -c "))
        .allMatch(line -> line.contains("-D_GLIBCXX_USE_CXX11_ABI=1")));
  }

  @Test
  void readsDjlsRepositoryLayoutAndACpuBuild() throws Exception {
    Path cpuTorch = Script.fakeTorch(folder.resolve("cpu"), "2.5.0", null);
    Path checkout = folder.resolve("djl");
    Path nativeDir = Files.createDirectories(checkout.resolve("engines/pytorch/pytorch-native/src/main/native"));
    Files.writeString(nativeDir.resolve("tensor.cc"), "");
    Files.createDirectories(checkout.resolve("api/src/main/native/djl"));
    Files.writeString(checkout.resolve("api/src/main/native/djl/utils.h"), "");
    Script.Result result = build("--abi", "1", "--headers", headers.toString(), cpuTorch.toString(), checkout.toString());
    assertEquals(0, result.status(), result.stderr());
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.get(0).contains("-I" + nativeDir + " -I" + checkout.resolve("api/src/main/native")), lines.get(0));
    assertFalse(lines.get(1).contains("cuda"), lines.get(1));
    assertTrue(Files.isRegularFile(jni("2.5.0-cpu")));
  }

  @Test
  void writesTheJniHeaderWithTheJdksJavac() throws Exception {
    Files.writeString(sources.resolve("PyTorchLibrary.java"), """
        package ai.djl.pytorch.jni;
        final class PyTorchLibrary {
          native long torchOnes(long[] shape);
        }
        """);
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    Path written = folder.resolve("written");
    Script.Result result = build("--write-headers", written.toString(), sources.toString());
    assertEquals(0, result.status(), result.stderr());
    assertTrue(Files.readString(written.resolve("ai_djl_pytorch_jni_PyTorchLibrary.h"))
        .contains("Java_ai_djl_pytorch_jni_PyTorchLibrary_torchOnes"));
    assertTrue(Files.isRegularFile(written.resolve("jni.h")));
    assertFalse(Files.exists(log));
  }

  @Test
  void refusesWhatItCannotUseInItsOwnWords() throws Exception {
    Script.Result missing = build(torch.toString());
    assertEquals(2, missing.status());
    assertTrue(missing.stderr().contains("error: expected TORCH_DIR and SOURCES"), missing.stderr());

    Script.Result badAbi = build("--abi", "2", torch.toString(), sources.toString());
    assertEquals(2, badAbi.status());
    assertTrue(badAbi.stderr().contains("--abi takes 0 or 1"), badAbi.stderr());

    Script.Result notTorch = build("--headers", headers.toString(), folder.toString(), sources.toString());
    assertEquals(2, notTorch.status());
    assertTrue(notTorch.stderr().contains("is not an installed PyTorch's torch folder"), notTorch.stderr());

    Path old = Script.fakeTorch(folder.resolve("old"), "1.13.1", "11.7");
    Script.Result tooOld = build("--headers", headers.toString(), old.toString(), sources.toString());
    assertEquals(2, tooOld.status());
    assertTrue(tooOld.stderr().contains("error: PyTorch 1.13.1 at " + old + " is older than "
        + System.getProperty("modulardiffusion.pytorch.oldest")), tooOld.stderr());

    Script.Result noSources = build("--headers", headers.toString(), torch.toString(), headers.toString());
    assertEquals(2, noSources.status());
    assertTrue(noSources.stderr().contains("no DJL JNI sources"), noSources.stderr());

    Files.delete(torch.resolve("share/cmake/Torch/TorchConfig.cmake"));
    Script.Result noAbi = build("--headers", headers.toString(), torch.toString(), sources.toString());
    assertEquals(2, noAbi.status());
    assertTrue(noAbi.stderr().contains("pass --abi 0 or 1"), noAbi.stderr());
    assertFalse(Files.exists(log)); // nothing was compiled
  }
}
