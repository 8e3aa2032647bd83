package org.modulardiffusion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss of a training run over its steps: every step's loss (light), its moving mean over a
 * tenth of an epoch (dark), each epoch's mean on top (dots at the epoch's last step), and the
 * epoch boundaries; steps ticked at round numbers (0, 200, 400, … or 0, 5k, 10k, …), the loss on a
 * log axis with ticks at 1..9 × 10ⁿ when every loss is positive. Once the learning rate varies, it
 * is drawn too, against a second axis on the right (on a log axis, a rate of 0 is left out).
 */
public final class LossPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  /** The colour of the epoch boundaries. */
  static final Color BOUNDARY = new Color(0x999999);
  /** The colour of each step's loss. */
  static final Color STEP = new Color(0xaec7e8);
  /** The colour of the learning rate. */
  static final Color RATE = new Color(0x2ca02c);
  /** The most ticks on the step axis, which leaves some 60 pixels between them. */
  private static final int STEP_TICKS = 9;

  private LossPlot() {}

  /**
   * Draws the run's losses.
   *
   * @param stepLosses the losses of the run's last steps (all of them, or those since a resume)
   * @param stepRates the learning rates of the same steps
   * @param stepsPerEpoch the steps of each epoch
   * @param epochMeans the mean loss of epochs 1, 2, …; the last ends with the last step loss
   * @return the plot
   */
  public static BufferedImage draw(
      List<Float> stepLosses, List<Float> stepRates, int stepsPerEpoch, List<Float> epochMeans) {
    int lastStep = epochMeans.size() * stepsPerEpoch;
    int firstStep = lastStep - stepLosses.size() + 1;
    XYChart chart = Charts.chart(WIDTH, HEIGHT, "step", "loss");
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setYAxisLogarithmic(allPositive(stepLosses) && allPositive(epochMeans));
    chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setAnnotationLineColor(BOUNDARY);
    chart.getStyler().setAnnotationLineStroke(new BasicStroke(1));
    XAxisTicks.place(chart, firstStep - 1.0, lastStep, STEP_TICKS);
    if (!stepLosses.isEmpty()) {
      double[] steps = IntStream.range(0, stepLosses.size()).mapToDouble(i -> firstStep + i).toArray();
      line(chart.addSeries("loss of each step", steps, values(stepLosses)), STEP);
      line(chart.addSeries("moving mean", steps, movingMean(values(stepLosses), Math.max(1, stepsPerEpoch / 10))),
          Charts.BLUE);
      if (stepRates.stream().distinct().count() > 1) {
        rates(chart, steps, values(stepRates));
      }
    }
    double[] ends = IntStream.rangeClosed(1, epochMeans.size()).mapToDouble(e -> (double) e * stepsPerEpoch).toArray();
    XYSeries means = chart.addSeries("mean of each epoch", ends, values(epochMeans));
    means.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    means.setMarker(SeriesMarkers.CIRCLE);
    means.setMarkerColor(Charts.ORANGE);
    for (int epoch = 1; epoch < epochMeans.size(); epoch++) {
      chart.addAnnotation(new AnnotationLine(epoch * stepsPerEpoch + 0.5, true, false));
    }
    return Charts.draw(chart);
  }

  /**
   * Draws the losses and learning rates and writes the plot to {@code path} as a PNG.
   *
   * @param stepLosses the losses of the run's last steps
   * @param stepRates the learning rates of the same steps
   * @param stepsPerEpoch the steps of each epoch
   * @param epochMeans the mean loss of epochs 1, 2, …
   * @param path the PNG file to write
   * @throws IOException naming {@code path} and why it cannot be written
   */
  public static void write(
      List<Float> stepLosses, List<Float> stepRates, int stepsPerEpoch, List<Float> epochMeans, Path path)
      throws IOException {
    Png.write(draw(stepLosses, stepRates, stepsPerEpoch, epochMeans), path);
  }

  /** The learning rate of each step against the second y axis, on the right. */
  private static void rates(XYChart chart, double[] steps, double[] rates) {
    boolean logarithmic = chart.getStyler().isYAxisLogarithmic();
    int[] drawn = IntStream.range(0, rates.length).filter(i -> !logarithmic || rates[i] > 0).toArray();
    XYSeries series = chart.addSeries("learning rate",
        Arrays.stream(drawn).mapToDouble(i -> steps[i]).toArray(), Arrays.stream(drawn).mapToDouble(i -> rates[i]).toArray());
    series.setYAxisGroup(1);
    line(series, RATE);
    chart.setYAxisGroupTitle(1, "learning rate");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
  }

  /** The mean of each value and the {@code window} − 1 before it (fewer at the start). */
  static double[] movingMean(double[] values, int window) {
    double[] means = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      means[i] = sum / Math.min(i + 1, window);
    }
    return means;
  }

  private static void line(XYSeries series, Color color) {
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineWidth(1.5f);
  }

  private static boolean allPositive(List<Float> values) {
    return values.stream().allMatch(v -> v > 0);
  }

  private static double[] values(List<Float> values) {
    return values.stream().mapToDouble(Float::doubleValue).toArray();
  }
}
