package org.modulardiffusion.sample;

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

/**
 * The tutorial's trainable embedding, as in Diffusion-LM: encodes each id as a learned vector,
 * x = E[w], and decodes each vector to the id of the nearest embedding, w = argmin<sub>k</sub> ‖x − E<sub>k</sub>‖.
 */
@DataModule
public final class TutorialEmbedding extends Data {
  private final Parameter embedding;

  /**
   * @param count how many ids
   * @param dimension the size of an embedding
   */
  public TutorialEmbedding(
      @Param(defaultValue = "2", min = 1, description = "how many ids") int count,
      @Param(defaultValue = "256", min = 1, description = "the size of an embedding") int dimension) {
    TutorialEmbedding_Parameters.check(count, dimension);
    embedding = Parameter.builder()
        .setName("embedding")
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(count, dimension))
        .optInitializer(new NormalInitializer(1))
        .build();
  }

  @Override
  public void initialize(NDManager manager) {
    embedding.initialize(manager, DataType.FLOAT32);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(embedding);
  }

  @Override
  public NDArray encode(NDArray w) {
    return embedding.getArray().get(w.toType(DataType.INT64, false));
  }

  @Override
  public NDArray decode(NDArray x) {
    return x.expandDims(-2).sub(embedding.getArray()).square().sum(new int[] {-1}).argMin(-1);
  }
}
