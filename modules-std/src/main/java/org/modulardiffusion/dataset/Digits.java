package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;

/**
 * Handwritten-style digits, white on black like MNIST: the pen strokes of each digit, bent by a
 * smooth random warp, then drawn antialiased with a random pen width, size, slant, rotation and
 * shift. Examples are float32 [1, size, size] in [-1, 1] (background -1); digit d has label d + 1,
 * and example i shows the digit i mod 10, so the classes are balanced.
 */
@DatasetModule
public final class Digits implements InMemoryDataset, Evaluable {
  private static final double FLATNESS = 0.005;

  private final ArrayDataset images;

  /**
   * @param size the width and height of the images in pixels (28 like MNIST)
   * @param count how many images
   * @param seed the seed of the generator; the same seed gives the same pixels
   */
  public Digits(
      @Param(defaultValue = "28", min = 8, description = "the width and height in pixels") int size,
      @Param(defaultValue = "20000", min = 1, description = "how many images") int count,
      @Param(defaultValue = "0", description = "the seed; the same seed gives the same pixels") long seed) {
    Digits_Parameters.check(size, count);
    Random random = new Random(seed);
    float[] values = ArrayDataset.allocate(count, (long) size * size);
    int pixels = size * size;
    long[] labels = new long[count];
    for (int i = 0; i < count; i++) {
      int digit = i % 10;
      int[] gray = render(digit, size, random).getRaster().getSamples(0, 0, size, size, 0, (int[]) null);
      for (int p = 0; p < pixels; p++) {
        values[i * pixels + p] = gray[p] / 127.5f - 1;
      }
      labels[i] = digit + 1;
    }
    this.images = new ArrayDataset(values, new Shape(1, size, size), labels, DataType.FLOAT32);
  }

  /**
   * Draws one digit, white on black, with the jitter drawn from {@code random}.
   *
   * @param digit the digit, 0 to 9
   * @param size the width and height in pixels
   * @param random the source of the pen width, warp, size, slant, rotation and shift
   * @return the image, {@code size} × {@code size} pixels
   */
  public static BufferedImage render(int digit, int size, Random random) {
    if (digit < 0 || digit > 9) {
      throw new IllegalArgumentException("digit must be 0 to 9, got " + digit);
    }
    double pen = size * (0.07 + 0.05 * random.nextDouble());
    Path2D strokes = warp(DigitStrokes.of(digit), random);
    AffineTransform pose = new AffineTransform();
    pose.translate(size * (0.5 + uniform(random, 0.06)), size * (0.5 + uniform(random, 0.06)));
    pose.rotate(Math.toRadians(uniform(random, 12)));
    pose.shear(uniform(random, 0.25), 0);
    double scale = size * (0.82 + uniform(random, 0.08));
    pose.scale(scale * (1 + uniform(random, 0.15)), scale);
    pose.translate(-0.5, -0.5);

    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      graphics.setColor(Color.WHITE);
      graphics.setStroke(new BasicStroke((float) pen, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      graphics.draw(pose.createTransformedShape(strokes));
    } finally {
      graphics.dispose();
    }
    return image;
  }

  /** A number drawn uniformly from [-bound, bound). */
  private static double uniform(Random random, double bound) {
    return bound * (2 * random.nextDouble() - 1);
  }

  /** The strokes as polylines, each point moved by a smooth random displacement field. */
  private static Path2D warp(java.awt.Shape strokes, Random random) {
    double[] amplitude = {0.04 * random.nextDouble(), 0.04 * random.nextDouble()};
    double[] frequency = {1 + random.nextDouble(), 1 + random.nextDouble()};
    double[] phase = {2 * Math.PI * random.nextDouble(), 2 * Math.PI * random.nextDouble()};
    Path2D warped = new Path2D.Double();
    double[] point = new double[6];
    for (PathIterator it = strokes.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
      int segment = it.currentSegment(point);
      if (segment == PathIterator.SEG_CLOSE) {
        warped.closePath();
        continue;
      }
      double x = point[0] + amplitude[0] * Math.sin(2 * Math.PI * frequency[0] * point[1] + phase[0]);
      double y = point[1] + amplitude[1] * Math.sin(2 * Math.PI * frequency[1] * point[0] + phase[1]);
      if (segment == PathIterator.SEG_MOVETO) {
        warped.moveTo(x, y);
      } else {
        warped.lineTo(x, y);
      }
    }
    return warped;
  }

  @Override
  public ArrayDataset examples() {
    return images;
  }

  /** 1: pixels are in [−1, 1]. */
  @Override
  public double bound() {
    return 1;
  }

  /** A classifier's accuracy on the samples of each digit and their spread (see {@link ImageEvaluation}). */
  @Override
  public Map<String, Object> evaluate(Evaluation request) throws IOException {
    return ImageEvaluation.evaluateDigits(request, Digits::new);
  }
}
