package org.modulardiffusion.dataset;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * The pen strokes of the digits 0 to 9, in a unit box: x to the right, y downwards, the glyph
 * between y = 0.1 and y = 0.9. Each digit is one open or closed path, drawn the way a hand
 * writes it.
 */
final class DigitStrokes {
  private static final List<Shape> DIGITS =
      List.of(zero(), one(), two(), three(), four(), five(), six(), seven(), eight(), nine());

  private DigitStrokes() {}

  /** The strokes of {@code digit}, 0 to 9. */
  static Shape of(int digit) {
    return DIGITS.get(digit);
  }

  private static Shape zero() {
    return new Ellipse2D.Double(0.27, 0.1, 0.46, 0.8);
  }

  private static Shape one() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.36, 0.24);
    path.lineTo(0.53, 0.1);
    path.lineTo(0.53, 0.9);
    return path;
  }

  private static Shape two() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.27, 0.3);
    path.curveTo(0.3, 0.02, 0.76, 0.04, 0.72, 0.33);
    path.curveTo(0.69, 0.52, 0.4, 0.7, 0.26, 0.9);
    path.lineTo(0.77, 0.9);
    return path;
  }

  private static Shape three() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.28, 0.2);
    path.curveTo(0.4, 0.04, 0.74, 0.07, 0.7, 0.3);
    path.curveTo(0.68, 0.44, 0.52, 0.48, 0.42, 0.48);
    path.curveTo(0.8, 0.48, 0.8, 0.86, 0.52, 0.9);
    path.curveTo(0.42, 0.92, 0.31, 0.88, 0.26, 0.8);
    return path;
  }

  private static Shape four() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.62, 0.9);
    path.lineTo(0.62, 0.1);
    path.lineTo(0.24, 0.64);
    path.lineTo(0.78, 0.64);
    return path;
  }

  private static Shape five() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.72, 0.1);
    path.lineTo(0.35, 0.1);
    path.lineTo(0.31, 0.46);
    path.curveTo(0.55, 0.34, 0.8, 0.48, 0.75, 0.7);
    path.curveTo(0.71, 0.93, 0.4, 0.95, 0.26, 0.82);
    return path;
  }

  private static Shape six() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.68, 0.1);
    path.quadTo(0.3, 0.25, 0.28, 0.68);
    path.append(new Ellipse2D.Double(0.28, 0.47, 0.44, 0.43), false);
    return path;
  }

  private static Shape seven() {
    Path2D path = new Path2D.Double();
    path.moveTo(0.25, 0.1);
    path.lineTo(0.76, 0.1);
    path.lineTo(0.42, 0.9);
    return path;
  }

  private static Shape eight() {
    Path2D path = new Path2D.Double();
    path.append(new Ellipse2D.Double(0.32, 0.1, 0.36, 0.38), false);
    path.append(new Ellipse2D.Double(0.27, 0.48, 0.46, 0.42), false);
    return path;
  }

  private static Shape nine() {
    Path2D path = new Path2D.Double();
    path.append(new Ellipse2D.Double(0.28, 0.1, 0.44, 0.42), false);
    path.moveTo(0.72, 0.31);
    path.quadTo(0.72, 0.7, 0.6, 0.9);
    return path;
  }
}
