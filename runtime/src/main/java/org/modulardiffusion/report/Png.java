package org.modulardiffusion.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files atomically (see {@link AtomicFile}). */
final class Png {
  private Png() {}

  static void write(BufferedImage image, Path path) throws IOException {
    AtomicFile.write(
        path,
        file -> {
          if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer is available");
          }
        });
  }
}
