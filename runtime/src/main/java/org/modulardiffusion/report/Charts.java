package org.modulardiffusion.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.XYStyler;

/** The look our XChart plots share: white, with a grid; without text where Java cannot draw it. */
final class Charts {
  /** The colour of the data (matplotlib's first). */
  static final Color BLUE = new Color(0x1f77b4);
  /** The colour of what stands out (matplotlib's second). */
  static final Color ORANGE = new Color(0xff7f0e);

  private Charts() {}

  /** An empty chart of {@code width} × {@code height} pixels with our style. */
  static XYChart chart(int width, int height, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(true);
    styler.setChartTitleVisible(false);
    if (ChartSupport.here() != ChartSupport.FULL) {
      styler.setLegendVisible(false);
      styler.setAxisTitlesVisible(false);
      styler.setAxisTicksVisible(false);
    }
    return chart;
  }

  /**
   * The chart drawn.
   *
   * @throws UnsupportedOperationException where this Java cannot draw charts ({@link ChartSupport#NONE})
   */
  static BufferedImage draw(XYChart chart) {
    if (ChartSupport.here() == ChartSupport.NONE) {
      throw new UnsupportedOperationException(ChartSupport.missingFonts());
    }
    return BitmapEncoder.getBufferedImage(chart);
  }
}
