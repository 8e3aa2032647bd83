package org.modulardiffusion.dataset;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.modulardiffusion.annotation.DatasetModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.ArrayDataset;
import org.modulardiffusion.base.InMemoryDataset;

/**
 * Images in the IDX files of MNIST (or Fashion-MNIST, EMNIST…), raw or gzipped. Examples are
 * float32 [1, rows, cols], pixel p becoming p / 127.5 - 1 in [-1, 1]; label l becomes l + 1, so
 * MNIST's digits 0..9 have labels 1..10.
 */
@DatasetModule
public final class Mnist implements InMemoryDataset {
  private static final int IMAGE_DIMENSIONS = 3;
  private static final int LABEL_DIMENSIONS = 1;

  private final ArrayDataset images;

  /**
   * @param images the IDX file of the images ({@code train-images-idx3-ubyte}, or with {@code .gz})
   * @param labels the IDX file of the labels, or {@code null} or empty for unlabelled images
   */
  public Mnist(
      @Param(description = "the IDX file of the images, raw or gzipped") String images,
      @Param(defaultValue = "", description = "the IDX file of the labels; empty for unlabelled images") String labels) {
    if (images == null || images.isBlank()) {
      throw new IllegalArgumentException("the images file must be given");
    }
    IdxFile pixels = IdxFile.read(images, IMAGE_DIMENSIONS);
    int count = pixels.sizes()[0];
    if (pixels.data().length == 0) {
      throw new IllegalArgumentException(images + " holds no pixels: its sizes are " + Arrays.toString(pixels.sizes()));
    }
    float[] values = new float[pixels.data().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (pixels.data()[i] & 0xff) / 127.5f - 1;
    }
    long[] classes = null;
    if (labels != null && !labels.isEmpty()) {
      IdxFile digits = IdxFile.read(labels, LABEL_DIMENSIONS);
      if (digits.sizes()[0] != count) {
        throw new IllegalArgumentException(
            images + " holds " + count + " images but " + labels + " holds " + digits.sizes()[0] + " labels");
      }
      classes = new long[count];
      for (int i = 0; i < count; i++) {
        classes[i] = (digits.data()[i] & 0xff) + 1;
      }
    }
    Shape shape = new Shape(1, pixels.sizes()[1], pixels.sizes()[2]);
    this.images = new ArrayDataset(values, shape, classes, DataType.FLOAT32);
  }

  /**
   * The shape of one image, [1, rows, cols].
   *
   * @return [1, rows, cols]
   */
  public Shape shape() {
    return images.shape();
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
}
