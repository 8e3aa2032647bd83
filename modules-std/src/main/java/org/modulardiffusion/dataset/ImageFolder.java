package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;

/**
 * The PNG and JPEG images of a folder, in the order of their names, stretched to size × size
 * (transparent pixels become black). If the folder holds subfolders, each is a class: the images
 * of the i-th subfolder by name have label i (from 1); otherwise the labels are 0. Examples are
 * float32 [channels, size, size], a channel value c becoming c / 127.5 - 1 in [-1, 1]; 3 channels
 * (red, green, blue), or 1 for grayscale, gray = 0.299 red + 0.587 green + 0.114 blue.
 */
@DatasetModule
public final class ImageFolder implements InMemoryDataset {
  private final ArrayDataset images;
  private final List<String> classNames;

  /**
   * @param folder the folder of images, or of one subfolder of images per class
   * @param size the width and height of the examples in pixels
   * @param grayscale whether the examples have 1 gray channel rather than 3 colour channels
   */
  public ImageFolder(
      @Param(description = "the folder of images, or of one subfolder of images per class") String folder,
      @Param(defaultValue = "32", min = 1, description = "the width and height in pixels") int size,
      @Param(defaultValue = "false", description = "one gray channel rather than three colour channels") boolean grayscale) {
    ImageFolder_Parameters.check(size);
    if (folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("the image folder must be given");
    }
    Path root = Path.of(folder);
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(folder + " is not a folder");
    }
    List<Path> subfolders = entries(root).stream().filter(Files::isDirectory).toList();
    List<Path> files = new ArrayList<>();
    List<Long> labels = new ArrayList<>();
    if (subfolders.isEmpty()) {
      addImages(root, 0, files, labels);
    } else {
      if (!images(root).isEmpty()) {
        throw new IllegalArgumentException(folder + " mixes images and class subfolders; move the images into a subfolder");
      }
      for (int i = 0; i < subfolders.size(); i++) {
        addImages(subfolders.get(i), i + 1, files, labels);
      }
    }
    int channels = grayscale ? 1 : 3;
    int pixels = size * size;
    float[] values = new float[files.size() * channels * pixels];
    for (int i = 0; i < files.size(); i++) {
      BufferedImage image = resize(read(files.get(i)), size);
      for (int p = 0; p < pixels; p++) {
        int rgb = image.getRGB(p % size, p / size);
        float red = (rgb >> 16) & 0xff;
        float green = (rgb >> 8) & 0xff;
        float blue = rgb & 0xff;
        int offset = i * channels * pixels + p;
        if (grayscale) {
          values[offset] = (0.299f * red + 0.587f * green + 0.114f * blue) / 127.5f - 1;
        } else {
          values[offset] = red / 127.5f - 1;
          values[offset + pixels] = green / 127.5f - 1;
          values[offset + 2 * pixels] = blue / 127.5f - 1;
        }
      }
    }
    long[] y = labels.stream().mapToLong(Long::longValue).toArray();
    this.images = new ArrayDataset(values, new Shape(channels, size, size), y, DataType.FLOAT32);
    this.classNames = subfolders.stream().map(path -> path.getFileName().toString()).toList();
  }

  /** The entries of {@code folder} that are not hidden, sorted by name. */
  private static List<Path> entries(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The PNG and JPEG files of {@code folder}, sorted by name. */
  private static List<Path> images(Path folder) {
    return entries(folder).stream()
        .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
        .toList();
  }

  private static void addImages(Path folder, long label, List<Path> files, List<Long> labels) {
    List<Path> images = images(folder);
    if (images.isEmpty()) {
      throw new IllegalArgumentException(folder + " holds no PNG or JPEG images");
    }
    for (Path image : images) {
      files.add(image);
      labels.add(label);
    }
  }

  private static BufferedImage read(Path file) {
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IllegalArgumentException(file + " is not a readable PNG or JPEG image");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable PNG or JPEG image: " + e.getMessage(), e);
    }
  }

  /**
   * {@code image} stretched to size × size on black, as RGB: halved while it is at least twice as
   * large, then interpolated bilinearly, so shrinking averages over all pixels.
   */
  private static BufferedImage resize(BufferedImage image, int size) {
    BufferedImage current = image;
    int width = image.getWidth();
    int height = image.getHeight();
    do {
      width = width / 2 >= size ? width / 2 : size;
      height = height / 2 >= size ? height / 2 : size;
      BufferedImage next = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D graphics = next.createGraphics();
      try {
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(current, 0, 0, width, height, Color.BLACK, null);
      } finally {
        graphics.dispose();
      }
      current = next;
    } while (width != size || height != size);
    return current;
  }

  /**
   * The names of the class subfolders, sorted: class i (from 1) is the i-th; empty if unlabelled.
   *
   * @return the names, unmodifiable
   */
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public ArrayDataset examples() {
    return images;
  }

  /** 1: pixels are in [−1, 1]. */
  @Override
  public double bound() {
    return 1;
  }
}
