package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block with one input array and one output array, called directly with arrays instead of
 * {@link NDList}s. Its output has the input's shape unless the subclass says otherwise.
 */
public abstract class UnaryBlock extends AbstractBlock {

  /** Creates a block; subclasses add their parameters in their constructor. */
  protected UnaryBlock() {
    super((byte) 1);
  }

  /**
   * Maps x to the block's output.
   *
   * @param parameters the parameters to read
   * @param x the input
   * @param training whether this is a training step
   * @return the output
   */
  public abstract NDArray forward(ParameterStore parameters, NDArray x, boolean training);

  /**
   * Calls any single-input, single-output DJL block on one array.
   *
   * @param block the block
   * @param parameters the parameters to read
   * @param x the input
   * @param training whether this is a training step
   * @return the block's one output
   */
  public static NDArray apply(Block block, ParameterStore parameters, NDArray x, boolean training) {
    return block.forward(parameters, new NDList(x), training).singletonOrThrow();
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forward(parameters, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
