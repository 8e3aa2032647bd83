package org.modulardiffusion.config;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;
import org.modulardiffusion.eval.Evaluable;
import org.modulardiffusion.eval.Evaluation;

/**
 * A data set of the tests' own (in this package, which names their module provider), as a
 * plugin would bring one: unlabelled points on the unit circle, with an evaluation that reports
 * what eval asked of it.
 */
@DatasetModule
public final class Ring implements InMemoryDataset, Evaluable {
  private final ArrayDataset points;
  private final long seed;

  public Ring(
      @Param(defaultValue = "64", min = 1, description = "how many points") int count,
      @Param(defaultValue = "0", description = "the seed of the angles") long seed) {
    this.seed = seed;
    Random random = new Random(seed);
    float[] values = new float[2 * count];
    for (int i = 0; i < count; i++) {
      double angle = 2 * Math.PI * random.nextDouble();
      values[2 * i] = (float) Math.cos(angle);
      values[2 * i + 1] = (float) Math.sin(angle);
    }
    this.points = new ArrayDataset(values, new Shape(2), new long[count], DataType.FLOAT32);
  }

  @Override
  public ArrayDataset examples() {
    return points;
  }

  /** The request as the data set received it: samples asked, and the held-out data's size and seed. */
  @Override
  public Map<String, Object> evaluate(Evaluation request) {
    Ring heldOut = (Ring) request.heldOut().apply(5);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("ring_samples", request.samplesOr(7));
    figures.put("held_out_size", heldOut.size());
    figures.put("held_out_seed", heldOut.seed);
    request.out().println("the ring measured");
    return figures;
  }
}
