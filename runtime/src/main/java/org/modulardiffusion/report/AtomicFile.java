package org.modulardiffusion.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: to a temporary file beside it, then renamed over it, so a
 * reader never sees it half-written and a failure leaves any earlier file intact.
 */
public final class AtomicFile {
  /** Writes the content of a file. */
  public interface Content {
    /**
     * Writes the whole content to {@code file}.
     *
     * @param file the temporary file to write
     * @throws IOException when it cannot be written
     */
    void writeTo(Path file) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code path}, creating its folder when needed.
   *
   * @param path the file to write
   * @param content what writes the content
   * @throws IOException naming {@code path} and why it cannot be written
   */
  public static void write(Path path, Content content) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, path.getFileName() + ".", ".tmp");
      content.writeTo(temp);
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      throw new IOException("cannot write " + path + ": " + reason(e), e);
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Why the file system refused, in words: its own reason, else what the kind of refusal means. */
  private static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    return e.getClass().getSimpleName();
  }
}
