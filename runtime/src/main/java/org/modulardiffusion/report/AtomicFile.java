package org.modulardiffusion.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: to a temporary file beside it, then renamed over it, so a
 * reader never sees it half-written and a failure leaves any earlier file intact.
 */
public final class AtomicFile {
  /** Writes the content of a file. */
  public interface Content {
    /** Writes the whole content to {@code file}. */
    void writeTo(Path file) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code content} to {@code path}, creating its folder when needed. */
  public static void write(Path path, Content content) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, path.getFileName() + ".", ".tmp");
    try {
      content.writeTo(temp);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
