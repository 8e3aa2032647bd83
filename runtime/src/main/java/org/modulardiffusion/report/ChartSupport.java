package org.modulardiffusion.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;

/**
 * What charts (the loss plot, scatter plots of points) this Java can draw, found once by laying
 * out and drawing a character. A trimmed or headless runtime may lack the native font libraries
 * (libfreetype), or find no fonts at all (no fontconfig configuration or no font installed); both
 * were seen on GPU servers. Runs go on without what cannot be drawn instead of failing.
 */
public enum ChartSupport {
  /** Charts with their titles, legends and tick labels. */
  FULL,
  /** Charts without text: Java lays text out but cannot draw it. */
  WITHOUT_TEXT,
  /** No charts: Java finds no fonts, so a chart cannot even be laid out. */
  NONE;

  private static final ChartSupport HERE = probe();

  /**
   * What this Java can draw.
   *
   * @return the support, found once per JVM
   */
  public static ChartSupport here() {
    return HERE;
  }

  /**
   * Why charts are not drawn here, and the remedy; for {@link #NONE}.
   *
   * @return the reason and the remedy, one sentence
   */
  public static String missingFonts() {
    return "this Java finds no fonts to lay out a chart's text; install fontconfig and a font"
        + " (on Debian or Ubuntu: apt-get install fontconfig fonts-dejavu-core)";
  }

  private static ChartSupport probe() {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    if (!works(() -> new TextLayout("0", font, new FontRenderContext(null, true, true)))) {
      return NONE;
    }
    Graphics2D graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return works(() -> graphics.drawString("0", 0, 0)) ? FULL : WITHOUT_TEXT;
    } finally {
      graphics.dispose();
    }
  }

  private static boolean works(Runnable text) {
    try {
      text.run();
      return true;
    } catch (OutOfMemoryError | StackOverflowError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // Without the font libraries a LinkageError; without fonts an InternalError or an Error
      // ("No physical fonts found") from the font manager.
      return false;
    }
  }
}
