package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's shell scripts with bash, in an environment cleared of the variables
 * that choose PyTorch natives and the memory allocator, and keeps its exit status and output.
 */
final class Script {
  /** The project's root folder, where {@code diffusion} and {@code gpu/} lie. */
  static final Path ROOT = Path.of(System.getProperty("modulardiffusion.root", "..")).toAbsolutePath().normalize();

  private static final List<String> CLEARED = List.of(
      "DIFFUSION_DEVICE", "DIFFUSION_TORCH", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR",
      "ENGINE_CACHE_DIR", "DJL_CACHE_DIR", "DJL_OFFLINE", "JAVA_OPTS", "CXX", "JOBS", "DIFFUSION_MALLOC", "LD_PRELOAD");

  /** What a run returned. */
  record Result(int status, String stdout, String stderr) {}

  private Script() {}

  /** Runs {@code script} with {@code args}, the variables {@code env} set, and {@code home} as HOME and working folder. */
  static Result run(Path script, Map<String, String> env, Path home, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    CLEARED.forEach(builder.environment()::remove);
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " did not finish in 60 s");
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Writes the torch folder of an installed PyTorch as DJL and our scripts read it: {@code
   * version.py} and an empty {@code lib/libtorch.so} (and {@code libtorch_cuda.so} for a CUDA
   * build); {@code cuda} null for a CPU build.
   */
  static Path fakeTorch(Path dir, String version, String cuda) throws IOException {
    Path torch = Files.createDirectories(dir.resolve("torch"));
    Files.createDirectories(torch.resolve("lib"));
    Files.createFile(torch.resolve("lib/libtorch.so"));
    String local = cuda == null ? "cpu" : "cu" + cuda.replace(".", "");
    Files.writeString(torch.resolve("version.py"), String.join("\n",
        "from typing import Optional",
        "",
        "__all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip', 'xpu']",
        "__version__ = '" + version + "+" + local + "'",
        "debug = False",
        "cuda: Optional[str] = " + (cuda == null ? "None" : "'" + cuda + "'"),
        "git_version = '134179474539648ba7dee1317959529fbd0e7f89'",
        "hip: Optional[str] = None",
        ""));
    if (cuda != null) {
      Files.createFile(torch.resolve("lib/libtorch_cuda.so"));
    }
    return torch;
  }

  /** DJL's name for this platform, as in its cache folders: {@code linux-x86_64}. */
  static String classifier() {
    String arch = System.getProperty("os.arch");
    return "linux-" + (arch.equals("amd64") ? "x86_64" : arch);
  }
}
