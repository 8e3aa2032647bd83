package org.modulardiffusion.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import org.modulardiffusion.annotation.DataModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Data;
import org.modulardiffusion.nn.Scalars;

/**
 * Maps k token ids to trainable d-dimensional embeddings, as in Diffusion-LM (Li et al. 2022);
 * decodes each vector to the id of the nearest embedding. The embeddings start from N(0, 1).
 */
@DataModule
public final class Embedding extends Data {
  private final int k;
  private final int d;
  private final Parameter weight;

  /**
   * @param k the number of token ids
   * @param d the dimension of an embedding
   */
  public Embedding(
      @Param(min = 1, description = "the vocabulary size") int k,
      @Param(min = 1, description = "the embedding dimension") int d) {
    Embedding_Parameters.check(k, d);
    this.k = k;
    this.d = d;
    this.weight =
        Parameter.builder()
            .setName("embedding")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(k, d))
            .optInitializer(new NormalInitializer(1))
            .build();
  }

  @Override
  public void initialize(NDManager manager) {
    weight.initialize(manager, DataType.FLOAT32);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight);
  }

  /** The embedding of each id: [..] ids to [.., d]. */
  @Override
  public NDArray encode(NDArray w) {
    return weight.getArray().get(w.toType(DataType.INT64, false));
  }

  /** The id of the nearest embedding, by Euclidean distance. */
  @Override
  public NDArray decode(NDArray x) {
    NDArray e = weight.getArray();
    // |x − e|² = |x|² − 2 x·e + |e|²; |x|² is the same for every id and does not change the argmin.
    NDArray distance = e.square().sum(new int[] {1}).sub(Scalars.times(x.matMul(e.transpose()), 2));
    return distance.argMin(-1);
  }

  @Override
  public String toString() {
    return "Embedding(" + k + ", " + d + ")";
  }
}
