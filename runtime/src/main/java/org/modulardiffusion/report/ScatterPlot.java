package org.modulardiffusion.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A picture of sampled 2-D points [n, 2], in the square [-extent, extent]². */
public final class ScatterPlot {
  private static final int SIZE = 480;

  private ScatterPlot() {}

  /** Draws the points as dots; points outside the square are left out. */
  public static BufferedImage draw(NDArray points, double extent) {
    if (points.getShape().dimension() != 2 || points.getShape().get(1) != 2) {
      throw new IllegalArgumentException("a scatter plot needs points [n, 2], got " + points.getShape());
    }
    float[] xy = points.toType(DataType.FLOAT32, false).toFloatArray();
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, SIZE, SIZE);
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(SIZE / 2, 0, SIZE / 2, SIZE);
      g.drawLine(0, SIZE / 2, SIZE, SIZE / 2);
      g.setColor(new Color(0x1f77b4));
      for (int i = 0; i < xy.length; i += 2) {
        int x = (int) Math.round((xy[i] / extent + 1) / 2 * SIZE);
        int y = (int) Math.round((1 - xy[i + 1] / extent) / 2 * SIZE);
        g.fillRect(x - 1, y - 1, 3, 3);
      }
      return image;
    } finally {
      g.dispose();
    }
  }

  /** Draws the points and writes the plot to {@code path} as a PNG. */
  public static void write(NDArray points, double extent, Path path) throws IOException {
    Png.write(draw(points, extent), path);
  }
}
