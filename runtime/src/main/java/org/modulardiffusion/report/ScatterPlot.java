package org.modulardiffusion.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A picture of sampled 2-D points [n, 2], on axes that span the square [-extent, extent]². */
public final class ScatterPlot {
  private static final int SIZE = 480;
  /**
   * The most points a plot draws, evenly spaced through the array: more fill its pixels no better
   * and take the memory of a shape each (gigabytes for millions).
   */
  static final int MAX_POINTS = 20_000;

  private ScatterPlot() {}

  /**
   * Draws the points as dots, at most {@link #MAX_POINTS} of them; points outside the square are
   * left out.
   *
   * @param points the points, [n, 2]
   * @param extent half the side of the square shown, positive
   * @return the picture
   */
  public static BufferedImage draw(NDArray points, double extent) {
    if (points.getShape().dimension() != 2 || points.getShape().get(1) != 2) {
      throw new IllegalArgumentException("a scatter plot needs points [n, 2], got " + points.getShape());
    }
    long count = points.getShape().get(0);
    long stride = Math.max(1, (count + MAX_POINTS - 1) / MAX_POINTS);
    float[] xy;
    try (NDArray spaced = points.get(new NDIndex().addSliceDim(0, count, stride));
        NDArray drawn = spaced.toType(DataType.FLOAT32, true)) {
      xy = drawn.toFloatArray();
    }
    double[] x = new double[xy.length / 2];
    double[] y = new double[xy.length / 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = xy[2 * i];
      y[i] = xy[2 * i + 1];
    }
    XYChart chart = Charts.chart(SIZE, SIZE, "x", "y");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(-extent).setXAxisMax(extent).setYAxisMin(-extent).setYAxisMax(extent);
    XYSeries series = chart.addSeries("samples", x, y);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(Charts.BLUE);
    return Charts.draw(chart);
  }

  /**
   * Draws the points and writes the plot to {@code path} as a PNG.
   *
   * @param points the points, [n, 2]
   * @param extent half the side of the square shown, positive
   * @param path the PNG file to write
   * @throws IOException naming {@code path} and why it cannot be written
   */
  public static void write(NDArray points, double extent, Path path) throws IOException {
    Png.write(draw(points, extent), path);
  }
}
