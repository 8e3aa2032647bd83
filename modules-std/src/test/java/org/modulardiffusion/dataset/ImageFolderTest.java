package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset.Examples;

/** ImageFolder: small PNGs written pixel by pixel, read back flat and by class, and the errors. */
class ImageFolderTest {
  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path folder;

  @AfterEach
  void close() {
    manager.close();
  }

  /** Writes a PNG of {@code width} × {@code height} whose pixels are {@code rgb}, row by row. */
  private static void png(Path file, int width, int height, int... rgb) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < width * height; i++) {
      image.setRGB(i % width, i / width, rgb[i % rgb.length]);
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void assertValues(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5, "value " + i);
    }
  }

  @Test
  void aFlatFolderGivesColourImagesChannelFirstInNameOrderUnlabelled() throws IOException {
    png(folder.resolve("b.png"), 2, 1, 0x000000, 0xffffff);
    png(folder.resolve("a.png"), 2, 1, 0xff0033, 0x0066cc);
    Files.writeString(folder.resolve("notes.txt"), "not an image");
    ImageFolder images = new ImageFolder(folder.toString(), 1, false);
    assertEquals(2, images.size());
    assertEquals(List.of(), images.classNames());
    ImageFolder pixels = new ImageFolder(folder.toString(), 2, false);
    Examples examples = pixels.get(manager, new int[] {0, 1});
    assertEquals(new Shape(2, 3, 2, 2), examples.w().getShape());
    // a.png stretched from 2 × 1 to 2 × 2 repeats its row: red 255, 0; green 0, 102; blue 51, 204.
    // b.png: black, white.
    assertValues(new float[] {
        1, -1, 1, -1, -1, -0.2f, -1, -0.2f, -0.6f, 0.6f, -0.6f, 0.6f,
        -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1}, examples.w().toFloatArray());
    assertArrayEquals(new long[] {0, 0}, examples.y().toLongArray());
  }

  @Test
  void grayscaleWeighsTheChannelsAndKeepsGrayImages() throws IOException {
    png(folder.resolve("a.png"), 1, 1, 0xff0000);
    BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(0, 0, 0, 100);
    ImageIO.write(gray, "png", folder.resolve("b.png").toFile());
    Examples examples = new ImageFolder(folder.toString(), 1, true).get(manager, new int[] {0, 1});
    assertEquals(new Shape(2, 1, 1, 1), examples.w().getShape());
    // red: 0.299 · 255 / 127.5 - 1 = -0.402; gray 100: 100 / 127.5 - 1 = -0.21569.
    assertValues(new float[] {-0.402f, -0.21569f}, examples.w().toFloatArray());
  }

  @Test
  void shrinkingAUniformImageKeepsItsColour() throws IOException {
    png(folder.resolve("big.png"), 9, 7, 0x336699);
    Examples examples = new ImageFolder(folder.toString(), 2, false).get(manager, new int[] {0});
    assertValues(new float[] {-0.6f, -0.6f, -0.6f, -0.6f, -0.2f, -0.2f, -0.2f, -0.2f, 0.2f, 0.2f, 0.2f, 0.2f},
        examples.w().toFloatArray());
  }

  @Test
  void subfoldersAreClassesInNameOrder() throws IOException {
    png(folder.resolve("dogs/1.png"), 1, 1, 0xffffff);
    png(folder.resolve("cats/2.jpg"), 1, 1, 0x000000);
    png(folder.resolve("cats/1.PNG"), 1, 1, 0x000000);
    ImageFolder images = new ImageFolder(folder.toString(), 1, true);
    assertEquals(List.of("cats", "dogs"), images.classNames());
    assertArrayEquals(new long[] {1, 1, 2}, images.labels());
    assertValues(new float[] {-1, -1, 1}, images.get(manager, new int[] {0, 1, 2}).w().toFloatArray());
  }

  @Test
  void errorsNameTheFolderOrFile() throws IOException {
    String missing = folder.resolve("missing").toString();
    assertEquals(missing + " is not a folder",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolder(missing, 8, true)).getMessage());
    assertEquals(folder + " holds no PNG or JPEG images",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolder(folder.toString(), 8, true)).getMessage());
    Path broken = Files.writeString(folder.resolve("broken.png"), "not a PNG");
    assertEquals(broken + " is not a readable PNG or JPEG image",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolder(folder.toString(), 8, true))
            .getMessage());
    png(folder.resolve("class/a.png"), 1, 1, 0);
    assertEquals(folder + " mixes images and class subfolders; move the images into a subfolder",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolder(folder.toString(), 8, true)).getMessage());
    assertEquals("size: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new ImageFolder(folder.toString(), 0, true)).getMessage());
  }
}
