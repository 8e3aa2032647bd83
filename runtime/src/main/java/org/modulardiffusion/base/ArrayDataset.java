package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.modulardiffusion.base.Dataset;

/**
 * A data set held in Java arrays: images, points or token sequences of one shape, with labels.
 * Batches are copied into new arrays, so the data set itself never changes.
 */
public final class ArrayDataset implements Dataset {
  private final float[] values;
  private final Shape shape;
  private final long[] labels;
  private final DataType type;
  private final int exampleSize;

  /**
   * A zeroed array for {@code count} examples of {@code exampleSize} values each, for a data set
   * to fill before it makes an {@code ArrayDataset} of it.
   *
   * @param count the number of examples
   * @param exampleSize the number of values in one example
   * @return a new array of {@code count × exampleSize} zeros
   * @throws IllegalArgumentException when it would not fit in one Java array, or not twice (the
   *     data set keeps a copy) in the memory the JVM may still take
   */
  public static float[] allocate(long count, long exampleSize) {
    long values = count > Long.MAX_VALUE / Math.max(1, exampleSize) ? Long.MAX_VALUE : count * exampleSize;
    Runtime runtime = Runtime.getRuntime();
    long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    if (values > Integer.MAX_VALUE - 8 || 2 * 4 * values > free) {
      throw new IllegalArgumentException(String.format(
          "%,d examples of %,d values each are more than the %,d MiB that Java may still take; make count or size"
              + " smaller (or give Java more with JAVA_OPTS=-Xmx…)",
          count, exampleSize, free >> 20));
    }
    return new float[(int) values];
  }

  /**
   * @param values the examples, flattened one after the other
   * @param shape the shape of one example
   * @param labels one label per example (0 = no label), or {@code null} for an unlabelled set
   * @param type the type of the batches: float32 for values, int64 for token or class indices
   */
  public ArrayDataset(float[] values, Shape shape, long[] labels, DataType type) {
    this.exampleSize = Math.toIntExact(shape.size());
    if (exampleSize == 0 || values.length % exampleSize != 0) {
      throw new IllegalArgumentException(
          "the data holds " + values.length + " values, not a whole number of examples of shape " + shape);
    }
    int size = values.length / exampleSize;
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException(
          "the data holds " + size + " examples but " + labels.length + " labels");
    }
    this.values = values.clone();
    this.shape = shape;
    this.labels = labels == null ? new long[size] : labels.clone();
    this.type = type;
  }

  @Override
  public int size() {
    return labels.length;
  }

  /** The largest label. */
  @Override
  public int classes() {
    return (int) Arrays.stream(labels).max().orElse(0);
  }

  /**
   * The shape of one example.
   *
   * @return the shape of one example, without the batch axis
   */
  public Shape shape() {
    return shape;
  }

  /**
   * A copy of the labels.
   *
   * @return the labels, one per example; the caller may change the copy
   */
  public long[] labels() {
    return labels.clone();
  }

  @Override
  public Examples get(NDManager manager, int[] indices) {
    float[] w = new float[indices.length * exampleSize];
    long[] y = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(values, indices[i] * exampleSize, w, i * exampleSize, exampleSize);
      y[i] = labels[indices[i]];
    }
    long[] batchShape = new long[shape.dimension() + 1];
    batchShape[0] = indices.length;
    System.arraycopy(shape.getShape(), 0, batchShape, 1, shape.dimension());
    NDArray values = manager.create(w, new Shape(batchShape));
    return new Examples(type == DataType.FLOAT32 ? values : values.toType(type, false), manager.create(y));
  }

  @Override
  public String toString() {
    return "ArrayDataset" + Arrays.toString(new long[] {size()}) + " of " + shape;
  }
}
