package org.modulardiffusion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A line plot of the mean loss of each epoch, on a log scale; labelled where Java can draw text. */
public final class LossPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 60;

  private LossPlot() {}

  /** Draws the losses of epochs 1, 2, …; non-positive values are left out of the log scale. */
  public static BufferedImage draw(List<Float> losses) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.drawRect(MARGIN, MARGIN / 2, WIDTH - MARGIN - MARGIN / 2, HEIGHT - MARGIN - MARGIN / 2);
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (float loss : losses) {
        if (loss > 0) {
          low = Math.min(low, Math.log10(loss));
          high = Math.max(high, Math.log10(loss));
        }
      }
      if (low == Double.POSITIVE_INFINITY) {
        return image;
      }
      if (high - low < 1e-6) {
        low -= 0.5;
        high += 0.5;
      }
      if (Text.available()) {
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, high)), 4, MARGIN / 2 + 5);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, low)), 4, HEIGHT - MARGIN + 5);
        g.drawString("epoch 1", MARGIN, HEIGHT - MARGIN + 20);
        g.drawString("epoch " + losses.size(), WIDTH - MARGIN - 40, HEIGHT - MARGIN + 20);
        g.drawString("mean loss per epoch (log scale)", WIDTH / 2 - 90, HEIGHT - 12);
      }
      g.setColor(new Color(0x1f77b4));
      g.setStroke(new BasicStroke(2));
      int previousX = -1;
      int previousY = -1;
      for (int i = 0; i < losses.size(); i++) {
        if (!(losses.get(i) > 0)) {
          continue;
        }
        double fraction = losses.size() == 1 ? 0.5 : (double) i / (losses.size() - 1);
        int x = MARGIN + (int) Math.round(fraction * (WIDTH - MARGIN - MARGIN / 2));
        double level = (Math.log10(losses.get(i)) - low) / (high - low);
        int y = HEIGHT - MARGIN - (int) Math.round(level * (HEIGHT - MARGIN - MARGIN / 2));
        g.fillOval(x - 3, y - 3, 6, 6);
        if (previousX >= 0) {
          g.drawLine(previousX, previousY, x, y);
        }
        previousX = x;
        previousY = y;
      }
      return image;
    } finally {
      g.dispose();
    }
  }

  /** Draws the losses and writes the plot to {@code path} as a PNG. */
  public static void write(List<Float> losses, Path path) throws IOException {
    Png.write(draw(losses), path);
  }
}
