package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;
import org.modulardiffusion.eval.PointEvaluation;

/**
 * Points in the plane for quick, measurable experiments. Each point is labelled with its
 * component (1-based): the moon, the ring or the gaussian it was drawn from.
 */
@DatasetModule
public final class Toy2d implements InMemoryDataset, Evaluable {

  /** The figure the points form. */
  public enum Figure {
    /** two interleaved half circles of radius 1 */
    MOONS,
    /** two concentric circles of radius 1 and 2 */
    RINGS,
    /** eight gaussians, centred on a circle of radius 2 at angles 2πk/8 */
    GAUSSIANS
  }

  private final ArrayDataset points;

  /**
   * @param figure the figure
   * @param count how many points
   * @param noise the standard deviation of the gaussian noise added to each coordinate
   * @param seed the seed of the generator; the same seed gives the same points
   */
  public Toy2d(
      @Param(defaultValue = "moons", description = "the figure") Figure figure,
      @Param(defaultValue = "10000", min = 1, description = "how many points") int count,
      @Param(defaultValue = "0.05", min = 0, description = "the standard deviation of the noise") double noise,
      @Param(defaultValue = "0", description = "the seed of the points") long seed) {
    Toy2d_Parameters.check(count, noise);
    Random random = new Random(seed);
    float[] values = ArrayDataset.allocate(count, 2);
    long[] labels = new long[count];
    for (int i = 0; i < count; i++) {
      double[] point = new double[2];
      labels[i] = draw(figure, random, point);
      values[2 * i] = (float) (point[0] + noise * random.nextGaussian());
      values[2 * i + 1] = (float) (point[1] + noise * random.nextGaussian());
    }
    this.points = new ArrayDataset(values, new Shape(2), labels, DataType.FLOAT32);
  }

  /** Draws a noiseless point of the figure into {@code point} and returns its component. */
  private static int draw(Figure figure, Random random, double[] point) {
    switch (figure) {
      case MOONS -> {
        int moon = random.nextInt(2);
        double angle = Math.PI * random.nextDouble();
        point[0] = moon == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
        point[1] = moon == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
        return moon + 1;
      }
      case RINGS -> {
        int ring = random.nextInt(2);
        double angle = 2 * Math.PI * random.nextDouble();
        point[0] = (ring + 1) * Math.cos(angle);
        point[1] = (ring + 1) * Math.sin(angle);
        return ring + 1;
      }
      case GAUSSIANS -> {
        int component = random.nextInt(8);
        double angle = 2 * Math.PI * component / 8;
        point[0] = 2 * Math.cos(angle);
        point[1] = 2 * Math.sin(angle);
        return component + 1;
      }
      default -> throw new AssertionError(figure);
    }
  }

  @Override
  public ArrayDataset examples() {
    return points;
  }

  /** Sliced Wasserstein distance and MMD of the samples to held-out points (see {@link PointEvaluation}). */
  @Override
  public Map<String, Object> evaluate(Evaluation request) {
    return PointEvaluation.evaluate(request);
  }
}
