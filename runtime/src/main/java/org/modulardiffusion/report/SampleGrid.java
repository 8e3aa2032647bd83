package org.modulardiffusion.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A picture of sampled image trajectories, as the Python library's examples draw them: one row
 * per sample, one column per evenly spaced position of the trajectory, the final samples last.
 * Pixel values in [-1, 1] map to black..white; one or three channels; each pixel drawn as a
 * zoom × zoom square.
 */
public final class SampleGrid {
  private static final int GAP = 2;

  private SampleGrid() {}

  /**
   * Draws {@code trajectory} [positions, b, c, h, w] with at most {@code columns} columns, each
   * pixel {@code zoom} times larger.
   *
   * @param trajectory the images, [positions, b, 1 or 3, h, w], values in [−1, 1] (clipped)
   * @param columns the most positions to show, evenly spaced, ≥ 1
   * @param zoom the side of a pixel, in screen pixels, ≥ 1
   * @return the picture: a column per position shown, a row per sample
   * @throws IllegalArgumentException when the trajectory is not one of images
   */
  public static BufferedImage draw(NDArray trajectory, int columns, int zoom) {
    Shape shape = trajectory.getShape();
    if (shape.dimension() != 5 || (shape.get(2) != 1 && shape.get(2) != 3)) {
      throw new IllegalArgumentException(
          "a sample grid needs a trajectory of images [positions, batch, 1 or 3, height, width], got " + shape);
    }
    int positions = (int) shape.get(0);
    int rows = (int) shape.get(1);
    int channels = (int) shape.get(2);
    int pixelsHigh = (int) shape.get(3);
    int pixelsWide = (int) shape.get(4);
    int height = pixelsHigh * zoom;
    int width = pixelsWide * zoom;
    int[] picked = evenlySpaced(positions, Math.max(1, Math.min(columns, positions)));
    float[] values = trajectory.toType(DataType.FLOAT32, false).toFloatArray();
    BufferedImage image =
        new BufferedImage(
            picked.length * (width + GAP) + GAP, rows * (height + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
    int plane = pixelsHigh * pixelsWide;
    int frame = rows * channels * plane;
    for (int column = 0; column < picked.length; column++) {
      for (int row = 0; row < rows; row++) {
        int base = picked[column] * frame + row * channels * plane;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
              float v = values[base + (channels == 1 ? 0 : c) * plane + y / zoom * pixelsWide + x / zoom];
              rgb = rgb << 8 | level(v);
            }
            image.setRGB(GAP + column * (width + GAP) + x, GAP + row * (height + GAP) + y, rgb);
          }
        }
      }
    }
    return image;
  }

  /**
   * Draws the trajectory and writes it to {@code path} as a PNG.
   *
   * @param trajectory the images, [positions, b, 1 or 3, h, w], values in [−1, 1] (clipped)
   * @param columns the most positions to show, evenly spaced, ≥ 1
   * @param zoom the side of a pixel, in screen pixels, ≥ 1
   * @param path the PNG file to write
   * @throws IOException naming {@code path} and why it cannot be written
   */
  public static void write(NDArray trajectory, int columns, int zoom, Path path) throws IOException {
    Png.write(draw(trajectory, columns, zoom), path);
  }

  /** {@code count} indices from 0 to {@code n − 1}, evenly spaced, always including both ends. */
  static int[] evenlySpaced(int n, int count) {
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = count == 1 ? n - 1 : (int) Math.round((double) i * (n - 1) / (count - 1));
    }
    return indices;
  }

  /** [-1, 1] to 0..255. */
  private static int level(float value) {
    float clipped = Math.max(-1, Math.min(1, value));
    return Math.round((clipped + 1) / 2 * 255);
  }
}
