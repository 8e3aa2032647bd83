package org.modulardiffusion.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Whether this Java can draw text. A trimmed or headless runtime may lack the native font
 * libraries (libfreetype, libharfbuzz) or any font (both seen on GPU servers): plots then go
 * without their labels instead of failing the run that draws them.
 */
final class Text {
  private static final boolean AVAILABLE = probe();

  private Text() {}

  /** True when Java2D can draw a string here. */
  static boolean available() {
    return AVAILABLE;
  }

  private static boolean probe() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      g.drawString("0", 0, 0);
      return true;
    } catch (OutOfMemoryError | StackOverflowError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // No native font libraries (a LinkageError), no fonts at all (an Error, "No fonts found", from
      // the font manager's initialisation, seen on a GPU server), a fontconfig without configuration.
      return false;
    } finally {
      g.dispose();
    }
  }
}
