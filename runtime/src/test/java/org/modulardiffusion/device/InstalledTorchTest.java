package org.modulardiffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InstalledTorch} reads a torch folder's {@code version.py} as pip and conda write it. */
class InstalledTorchTest {
  @TempDir Path torch;

  private Optional<InstalledTorch> write(String versionPy) throws IOException {
    Files.createDirectories(torch.resolve("lib"));
    Files.writeString(torch.resolve("version.py"), versionPy);
    if (!Files.exists(torch.resolve("lib/libtorch.so"))) {
      Files.createFile(torch.resolve("lib/libtorch.so"));
    }
    return InstalledTorch.read(torch);
  }

  @Test
  void readsVersionAndCuda() throws IOException {
    assertEquals(Optional.of(new InstalledTorch(torch, "2.11.0", "13.0")), write("""
        from typing import Optional

        __all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip', 'xpu']
        __version__ = '2.11.0+cu130'
        debug = False
        cuda: Optional[str] = '13.0'
        git_version = '70d99e998b5a6b7e8b1d9e2d5c0e4b0c3f8f1a2b'
        hip: Optional[str] = None
        """));
  }

  @Test
  void aCpuBuildHasNoCuda() throws IOException {
    assertEquals(Optional.of(new InstalledTorch(torch, "2.7.1", null)),
        write("__version__ = '2.7.1+cpu'\ndebug = False\ncuda = None\n"));
  }

  @Test
  void aFolderWithoutLibtorchIsNotOne() throws IOException {
    write("__version__ = '2.7.1'\ncuda = '12.6'\n");
    Files.delete(torch.resolve("lib/libtorch.so"));
    assertEquals(Optional.empty(), InstalledTorch.read(torch));
    assertEquals(Optional.empty(), InstalledTorch.read(torch.resolve("missing")));
  }
}
