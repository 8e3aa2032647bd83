package org.modulardiffusion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Data transforms: encodings by hand, and decode(encode(w)) = w. */
class DataTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void oneHotEncodesIndicesAndDecodesByTheLargestEntry() {
    NDArray w = manager.create(new long[][] {{2, 0}, {1, 3}});
    NDArray x = new OneHot(4).encode(w);
    assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}, x.toFloatArray());
    NDArray noisy = manager.create(new float[] {0.1f, 0.2f, 0.6f, 0.1f, 0.5f, 0.2f, 0.2f, 0.1f}).reshape(1, 2, 4);
    assertArrayEquals(new long[] {2, 0}, new OneHot(4).decode(noisy).toLongArray());
  }

  @Test
  void embeddingLooksUpRowsAndDecodesToTheNearestRow() {
    Embedding embedding = new Embedding(3, 2);
    embedding.initialize(manager);
    embedding.parameters().get(0).getArray().set(new float[] {0, 0, 1, 0, 0, 3});
    NDArray w = manager.create(new long[][] {{2, 1, 0}});
    assertArrayEquals(new float[] {0, 3, 1, 0, 0, 0}, embedding.encode(w).toFloatArray());
    // (0.6, 0.1) is nearer (1, 0) than (0, 0); (0.1, 1.6) nearer (0, 3) than (0, 0): 1.4 < 1.6.
    NDArray x = manager.create(new float[] {0.6f, 0.1f, 0.1f, 1.6f, 0.2f, 0.2f}).reshape(1, 3, 2);
    assertArrayEquals(new long[] {1, 2, 0}, embedding.decode(x).toLongArray());
  }

  @Test
  void embeddingDecodesItsOwnEncoding() {
    manager.getEngine().setRandomSeed(4);
    Embedding embedding = new Embedding(50, 16);
    embedding.initialize(manager);
    NDArray w = manager.randomInteger(0, 50, new ai.djl.ndarray.types.Shape(4, 7), ai.djl.ndarray.types.DataType.INT64);
    assertArrayEquals(w.toLongArray(), embedding.decode(embedding.encode(w)).toLongArray());
  }
}
