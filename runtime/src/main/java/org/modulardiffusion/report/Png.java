package org.modulardiffusion.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes images as PNG files atomically: to a temporary file, then renamed. */
final class Png {
  private Png() {}

  static void write(BufferedImage image, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, path.getFileName() + ".", ".tmp");
    try {
      if (!ImageIO.write(image, "png", temp.toFile())) {
        throw new IOException("no PNG writer is available");
      }
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
