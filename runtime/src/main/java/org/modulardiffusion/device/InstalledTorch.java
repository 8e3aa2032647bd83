package org.modulardiffusion.device;

import ai.djl.repository.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PyTorch installed for Python, whose libtorch DJL can load: its {@code torch} folder, version
 * ({@code 2.7.1}, without {@code +cu126}) and CUDA version ({@code 12.6}, or null for a CPU build),
 * read from {@code torch/version.py} as the launcher's {@code gpu/torch.sh} reads them.
 */
public record InstalledTorch(Path dir, String version, String cuda) {
  private static final Pattern VERSION = Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([0-9.]+)");
  private static final Pattern CUDA = Pattern.compile("(?m)^cuda[^=\\n]*=\\s*['\"]([0-9.]+)['\"]");
  private static final String OLDEST = oldestFromBuild();

  /**
   * The oldest PyTorch the nets run on, the build's {@code pytorch.oldest.version}: their attention
   * is PyTorch 2.0's {@code scaled_dot_product_attention}.
   *
   * @return the version, such as {@code 2.0}
   */
  public static String oldestVersion() {
    return OLDEST;
  }

  /**
   * Whether the nets run on this PyTorch: it is no older than {@link #oldestVersion}.
   *
   * @return whether it is supported
   */
  public boolean supported() {
    return new Version(version).compareTo(new Version(OLDEST)) >= 0;
  }

  /**
   * The PyTorch in {@code dir}, if it is a torch folder with {@code version.py} and {@code lib/libtorch.so}.
   *
   * @param dir the folder
   * @return the PyTorch, or empty
   */
  public static Optional<InstalledTorch> read(Path dir) {
    Path versionFile = dir.resolve("version.py");
    if (!Files.isRegularFile(versionFile) || !Files.isRegularFile(dir.resolve("lib/libtorch.so"))) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(versionFile, StandardCharsets.UTF_8);
      Matcher version = VERSION.matcher(text);
      if (!version.find()) {
        return Optional.empty();
      }
      Matcher cuda = CUDA.matcher(text);
      return Optional.of(new InstalledTorch(dir.toAbsolutePath(), version.group(1), cuda.find() ? cuda.group(1) : null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The PyTorch that {@code python3} imports, if there is one; asks Python only where it lies.
   *
   * @return the PyTorch, or empty when Python or its torch is missing
   */
  public static Optional<InstalledTorch> findWithPython() {
    String where = "import importlib.util as u; s = u.find_spec('torch'); print(s.submodule_search_locations[0] if s else '')";
    try {
      Process python = new ProcessBuilder("python3", "-c", where).redirectErrorStream(true).start();
      if (!python.waitFor(10, TimeUnit.SECONDS)) {
        python.destroy();
        return Optional.empty();
      }
      String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return python.exitValue() != 0 || out.isEmpty() ? Optional.empty() : read(Path.of(out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String oldestFromBuild() {
    try (InputStream in = InstalledTorch.class.getResourceAsStream("pytorch.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("oldest");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
