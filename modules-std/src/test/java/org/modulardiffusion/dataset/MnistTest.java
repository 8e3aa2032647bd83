package org.modulardiffusion.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modulardiffusion.base.Dataset.Examples;

/** Mnist: tiny IDX files written byte by byte, raw and gzipped, and each error. */
class MnistTest {
  /** Two images of 2 rows and 3 columns. */
  private static final byte[] IMAGES = bytes(
      0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
      0, 255, 51, 102, 153, 204,
      255, 255, 255, 0, 0, 0);
  /** The labels 7 and 0. */
  private static final byte[] LABELS = bytes(0, 0, 8, 1, 0, 0, 0, 2, 7, 0);

  private final NDManager manager = NDManager.newBaseManager();
  @TempDir Path folder;

  @AfterEach
  void close() {
    manager.close();
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private String write(String name, byte[] bytes) throws IOException {
    return Files.write(folder.resolve(name), bytes).toString();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(bytes);
    }
    return zipped.toByteArray();
  }

  private void assertTheTwoImages(Mnist mnist, long[] labels) {
    assertEquals(2, mnist.size());
    assertEquals(new Shape(1, 2, 3), mnist.shape());
    Examples examples = mnist.get(manager, new int[] {0, 1});
    assertEquals(new Shape(2, 1, 2, 3), examples.w().getShape());
    float[] expected = {-1, 1, -0.6f, -0.2f, 0.2f, 0.6f, 1, 1, 1, -1, -1, -1};
    float[] actual = examples.w().toFloatArray();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6, "pixel " + i);
    }
    assertArrayEquals(labels, examples.y().toLongArray());
  }

  @Test
  void readsRawFilesWithLabelsPlusOne() throws IOException {
    assertTheTwoImages(new Mnist(write("images", IMAGES), write("labels", LABELS)), new long[] {8, 1});
  }

  @Test
  void readsGzippedFiles() throws IOException {
    assertTheTwoImages(
        new Mnist(write("images.gz", gzip(IMAGES)), write("labels.gz", gzip(LABELS))), new long[] {8, 1});
  }

  @Test
  void withoutLabelsTheImagesAreUnlabelled() throws IOException {
    String images = write("images", IMAGES);
    assertTheTwoImages(new Mnist(images, null), new long[] {0, 0});
    assertTheTwoImages(new Mnist(images, ""), new long[] {0, 0});
  }

  @Test
  void aWrongMagicNumberIsReported() throws IOException {
    String labels = write("labels", LABELS);
    assertEquals(labels + " is not an IDX file of 3-dimensional unsigned bytes: its magic number is 2049, not 2051",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(labels, null)).getMessage());
    String empty = write("empty", new byte[0]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mnist(empty, null))
        .getMessage().endsWith("its magic number is missing, not 2051"));
  }

  @Test
  void countsThatDisagreeAreReported() throws IOException {
    String images = write("images", IMAGES);
    String labels = write("labels", bytes(0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 1));
    assertEquals(images + " holds 2 images but " + labels + " holds 3 labels",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(images, labels)).getMessage());
  }

  @Test
  void truncatedAndOverlongFilesAreReported() throws IOException {
    String truncated = write("truncated", Arrays.copyOf(IMAGES, IMAGES.length - 1));
    assertEquals(truncated + " is truncated: its header announces [2, 2, 3] = 12 bytes of data, but it holds 11",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(truncated, null)).getMessage());
    String header = write("header", Arrays.copyOf(IMAGES, 10));
    assertEquals(header + " is truncated: its header ends after 10 bytes",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(header, null)).getMessage());
    String overlong = write("overlong", Arrays.copyOf(IMAGES, IMAGES.length + 1));
    assertEquals(overlong + " is too long: its header announces [2, 2, 3] = 12 bytes of data, but it holds 13",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(overlong, null)).getMessage());
  }

  @Test
  void missingAndBrokenFilesAreReported() throws IOException {
    String missing = folder.resolve("missing").toString();
    assertEquals(missing + " does not exist",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(missing, null)).getMessage());
    String broken = write("broken.gz", bytes(0x1f, 0x8b, 1, 2, 3));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mnist(broken, null))
        .getMessage().startsWith(broken + " starts like a gzip file but cannot be unzipped"));
    assertEquals("the images file must be given",
        assertThrows(IllegalArgumentException.class, () -> new Mnist(null, null)).getMessage());
  }
}
