package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The random numbers that modules draw, such as a distribution's {@link Distribution#sample}:
 * from the engine's generator, or, within {@link #perExample}, from a generator of each example
 * of the batch (the arrays' first dimension), seeded by the run's seed, the example's index and
 * the number of draws before, on the host. There an example's draws depend on nothing else drawn
 * with it: not on the batch size, nor on which worker of several samples it, nor on the device.
 */
public final class Draws {
  /** The per-example streams of the sampling run under way on this thread, or null. */
  private static final ThreadLocal<Streams> STREAMS = new ThreadLocal<>();

  private Draws() {}

  /**
   * Values of the standard normal distribution, in an array of {@code shape}.
   *
   * @param manager where the array lives
   * @param shape the array's shape; its first axis is the examples
   * @return a new array
   */
  public static NDArray normal(NDManager manager, Shape shape) {
    Streams streams = STREAMS.get();
    return streams == null ? manager.randomNormal(shape) : streams.draw(manager, shape, Kind.NORMAL);
  }

  /**
   * Values uniform in [0, 1), in an array of {@code shape}.
   *
   * @param manager where the array lives
   * @param shape the array's shape; its first axis is the examples
   * @return a new array
   */
  public static NDArray uniform(NDManager manager, Shape shape) {
    Streams streams = STREAMS.get();
    return streams == null ? manager.randomUniform(0, 1, shape) : streams.draw(manager, shape, Kind.UNIFORM);
  }

  /**
   * Runs {@code work} with each example's draws from its own generator: row r of an array drawn
   * in it is example {@code first + r}, and its values follow from {@code seed}, that index and the
   * number of arrays drawn in {@code work} before, alone.
   *
   * @param <T> what {@code work} returns
   * @param seed the seed of every example's generator
   * @param first the index of the first example, row 0
   * @param work the code that draws
   * @return what {@code work} returns
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

  /**
   * The generators of a run's examples, on the host: a stream of each example's own, so the same
   * seed gives the same draws on every device.
   */
  private static final class Streams {
    private final long seed;
    private final long first;
    private long drawn;

    Streams(long seed, long first) {
      this.seed = mix(seed);
      this.first = first;
    }

    NDArray draw(NDManager manager, Shape shape, Kind kind) {
      long call = drawn++;
      int rows = shape.dimension() == 0 ? 1 : Math.toIntExact(shape.get(0));
      int each = Math.toIntExact(shape.size() / Math.max(1, rows));
      float[] values = new float[Math.multiplyExact(rows, each)];
      for (int r = 0; r < rows; r++) {
        SplittableRandom random = new SplittableRandom(mix(mix(seed + first + r) + call));
        for (int i = r * each; i < (r + 1) * each; i++) {
          values[i] = kind == Kind.NORMAL ? (float) random.nextGaussian() : random.nextFloat();
        }
      }
      return manager.create(values, shape);
    }

    /** A well-mixed function of {@code value}: neighbouring values give unrelated seeds. */
    private static long mix(long value) {
      return new SplittableRandom(value).nextLong();
    }
  }
}
