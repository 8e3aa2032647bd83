package org.modulardiffusion.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.XYStyler;
import org.modulardiffusion.report.Ticks.Tick;

/**
 * The ticks of a chart's x axis at round numbers ({@link Ticks}), drawn in XChart's style in place
 * of XChart's own. For data at equally spaced x, a step's loss at every step, XChart 3.8 puts its
 * ticks on data points, every k-th one that leaves room for the labels (0, 81, 162, …), and has
 * no way to set them; its own stay, unseen, for the room their labels take. Drawn after the data,
 * as every annotation is, the grid lines lie over them.
 */
final class XAxisTicks extends Annotation {
  private static final Color UNSEEN = new Color(0, 0, 0, 0);

  private final List<Tick> ticks;
  private final boolean grid;

  private XAxisTicks(List<Tick> ticks, boolean grid) {
    super(false);
    this.ticks = ticks;
    this.grid = grid;
  }

  /**
   * Spans {@code chart}'s x axis from {@code min} to {@code max}, with at most {@code most} ticks
   * at round numbers.
   */
  static void place(XYChart chart, double min, double max, int most) {
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(min).setXAxisMax(max);
    boolean grid = styler.isPlotGridVerticalLinesVisible();
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setXAxisTickLabelsColor(UNSEEN);
    styler.setXAxisTickMarksColor(UNSEEN);
    chart.addAnnotation(new XAxisTicks(Ticks.between(min, max, most), grid));
  }

  @Override
  public void paint(Graphics2D graphics) {
    XYStyler styler = (XYStyler) this.styler;
    // The plot's top and bottom edges on the screen.
    int top = getYAxisScreenValueForMin();
    int bottom = getYAxisScreenValueForMax();
    for (Tick tick : ticks) {
      int x = getXAxisScreenValue(tick.value());
      if (grid) {
        graphics.setColor(styler.getPlotGridLinesColor());
        graphics.setStroke(styler.getPlotGridLinesStroke());
        graphics.drawLine(x, top, x, bottom);
      }
      if (styler.isXAxisTicksVisible()) {
        graphics.setColor(styler.getAxisTickMarksColor());
        graphics.setStroke(styler.getAxisTickMarksStroke());
        graphics.drawLine(x, bottom, x, bottom + styler.getAxisTickMarkLength());
        TextLayout label =
            new TextLayout(tick.label(), styler.getAxisTickLabelsFont(), graphics.getFontRenderContext());
        Rectangle2D bounds = label.getBounds();
        graphics.setColor(styler.getAxisTickLabelsColor());
        label.draw(graphics, (float) (x - bounds.getX() - bounds.getWidth() / 2),
            (float) (bottom + styler.getAxisTickMarkLength() + styler.getAxisTickPadding() - bounds.getY()));
      }
    }
  }
}
