package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Multi-head self-attention over a sequence x, [b, l, e] (Vaswani et al., 2017): one linear map
 * gives queries, keys and values, each head computes softmax(q kᵀ / sqrt(e / heads)) v, and a
 * second linear map mixes the concatenated heads; 4e² + 4e parameters in all.
 *
 * <p>The heads attend in one native operation, PyTorch's {@code scaled_dot_product_attention}:
 * its fused kernels (flash or memory-efficient attention on a GPU, flash attention on a CPU) never
 * hold the scores [b, heads, l, l] in memory, neither forward nor for the backward pass. Where no
 * gradients are recorded (sampling), the whole block is one operation, the one PyTorch's own
 * multi-head attention runs for inference.
 */
public final class MultiHeadAttention extends UnaryBlock {
  /** softmax(q kᵀ / sqrt(d)) v of q, k and v [b, heads, l, d]. */
  static final TorchScriptFunction ATTENTION =
      TorchScriptFunction.of("torch.scaled_dot_product_attention(q, k, v)", "q", "k", "v");

  private final int width;
  private final int heads;
  private final Linear projection;
  private final Linear output;
  /** The block for inference: attention(x W + c) V + d of x, W, c, V and d. */
  private final TorchScriptFunction inference;
  /** W, c, V and d: the weights and biases of the projection and the output. */
  private final List<Parameter> inferenceParameters;

  /**
   * Self-attention over vectors of {@code width} values with {@code heads} heads.
   *
   * @param width the values of a vector, a multiple of {@code heads}
   * @param heads the number of heads, ≥ 1
   */
  public MultiHeadAttention(int width, int heads) {
    if (heads < 1 || width % heads != 0) {
      throw new IllegalArgumentException(
          "attention: width " + width + " cannot be split into " + heads + " heads");
    }
    this.width = width;
    this.heads = heads;
    this.projection = addChildBlock("projection", Linear.builder().setUnits(3L * width).build());
    this.output = addChildBlock("output", Linear.builder().setUnits(width).build());
    this.inference = TorchScriptFunction.of(
        "torch._native_multi_head_attention(x, x, x, " + width + ", " + heads + ", w, c, v, d, None, False)[0]",
        "x", "w", "c", "v", "d");
    this.inferenceParameters = List.of(
        projection.getParameters().get("weight"), projection.getParameters().get("bias"),
        output.getParameters().get("weight"), output.getParameters().get("bias"));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    projection.initialize(manager, dataType, inputShapes[0]);
    output.initialize(manager, dataType, inputShapes[0]);
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    if (!JniUtils.isGradMode()) {
      NDArray[] arguments = new NDArray[1 + inferenceParameters.size()];
      arguments[0] = x;
      for (int i = 0; i < inferenceParameters.size(); i++) {
        arguments[i + 1] = parameters.getValue(inferenceParameters.get(i), x.getDevice(), training);
      }
      return inference.apply(arguments);
    }
    return Intermediates.freed(() -> {
      long b = x.getShape().get(0);
      long l = x.getShape().get(1);
      long d = width / heads;
      NDList qkv =
          apply(projection, parameters, x, training)
              .reshape(b, l, 3, heads, d)
              .transpose(2, 0, 3, 1, 4)
              .split(3, 0);
      NDArray attended =
          ATTENTION.apply(qkv.get(0).squeeze(0), qkv.get(1).squeeze(0), qkv.get(2).squeeze(0));
      return apply(output, parameters, attended.transpose(0, 2, 1, 3).reshape(b, l, width), training);
    });
  }
}
