package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The random numbers that modules draw, such as a distribution's {@link Distribution#sample}:
 * from the engine's generator, or, within {@link #perExample}, from a generator of each example
 * of the batch (the arrays' first dimension), seeded by the run's seed, the example's index and
 * the number of draws before. There an example's draws depend on nothing else drawn with it: not
 * on the batch size, nor on which worker of several samples it.
 */
public final class Draws {
  /** The per-example streams of the sampling run under way on this thread, or null. */
  private static final ThreadLocal<Streams> STREAMS = new ThreadLocal<>();

  private Draws() {}

  /** Values of the standard normal distribution, in an array of {@code shape}. */
  public static NDArray normal(NDManager manager, Shape shape) {
    Streams streams = STREAMS.get();
    return streams == null ? manager.randomNormal(shape) : streams.draw(manager, shape, Kind.NORMAL);
  }

  /** Values uniform in [0, 1), in an array of {@code shape}. */
  public static NDArray uniform(NDManager manager, Shape shape) {
    Streams streams = STREAMS.get();
    return streams == null ? manager.randomUniform(0, 1, shape) : streams.draw(manager, shape, Kind.UNIFORM);
  }

  /**
   * Runs {@code work} with each example's draws from its own generator: row r of an array drawn
   * in it is example {@code first + r}, and its values follow from {@code seed}, that index and the
   * number of arrays drawn in {@code work} before, alone.
   */
  public static <T> T perExample(long seed, long first, Supplier<T> work) {
    Streams outer = STREAMS.get();
    STREAMS.set(new Streams(seed, first));
    try {
      return work.get();
    } finally {
      STREAMS.set(outer);
    }
  }

  private enum Kind {
    NORMAL,
    UNIFORM
  }

  /** The generators of a run's examples: the engine's, seeded anew for each example's row. */
  private static final class Streams {
    private final long seed;
    private final long first;
    private long drawn;

    Streams(long seed, long first) {
      this.seed = mix(seed);
      this.first = first;
    }

    NDArray draw(NDManager manager, Shape shape, Kind kind) {
      if (shape.dimension() == 0) {
        return draw(manager, new Shape(1), kind).reshape(shape);
      }
      long call = drawn++;
      Shape row = shape.slice(1);
      try (NDList rows = new NDList()) {
        for (long r = 0; r < shape.get(0); r++) {
          JniUtils.setSeed(mix(mix(seed + first + r) + call));
          rows.add(kind == Kind.NORMAL ? manager.randomNormal(row) : manager.randomUniform(0, 1, row));
        }
        return NDArrays.stack(rows);
      }
    }

    /** A well-mixed function of {@code value}: neighbouring values give unrelated seeds. */
    private static long mix(long value) {
      return new SplittableRandom(value).nextLong();
    }
  }
}
