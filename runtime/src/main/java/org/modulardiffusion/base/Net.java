package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A denoising network: a DJL block that maps noisy data x, labels y and time steps t to a
 * prediction hat whose leading axis indexes the predicted parameters, [parameters, b, …] — even
 * when there is only one parameter.
 *
 * <p>Like any DJL block it owns its parameters and child blocks; a net with child blocks
 * initializes them in {@link #initializeChildBlocks}, given the shapes of x, y and t.
 */
public abstract class Net extends AbstractBlock {

  /** Creates a net; its parameters and children are added by the subclass's constructor. */
  protected Net() {
    super((byte) 1);
  }

  /**
   * Predicts hat, [parameters, b, …], for noisy data x, labels y (int64, [b]) and times t.
   *
   * @param parameters the parameters to read
   * @param x the noisy data, [b, …]
   * @param y the labels, [b] (int64)
   * @param t the times, [b]
   * @param training whether this is a training step (dropout on)
   * @return hat, [parameters, b, …]
   */
  public abstract NDArray forward(
      ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training);

  /**
   * Whether the net's prediction depends on the labels y: false for a net that sees every example
   * as unlabelled, whose samples of one label are no different from another's. Evaluations ask,
   * so as not to measure labels that were never followed; true unless a net says otherwise.
   *
   * @return whether the net reads the labels
   */
  public boolean readsLabels() {
    return true;
  }

  /**
   * A net that pipes this net's output through {@code block}, like the Python library's
   * {@code net | block}: for example a softmax over the last axis for categorical noise.
   *
   * @param block the block the output goes through
   * @return the piped net
   */
  public final Net then(Block block) {
    return new Piped(this, block);
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore parameters,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(parameters, inputs.get(0), inputs.get(1), inputs.get(2), training));
  }

  /** A net followed by a block. */
  private static final class Piped extends Net {
    private final Net net;
    private final Block block;

    Piped(Net net, Block block) {
      this.net = addChildBlock("net", net);
      this.block = addChildBlock("then", block);
    }

    @Override
    public NDArray forward(
        ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
      NDArray hat = net.forward(parameters, x, y, t, training);
      return block.forward(parameters, new NDList(hat), training).singletonOrThrow();
    }

    @Override
    public boolean readsLabels() {
      return net.readsLabels();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
      net.initialize(manager, dataType, shapes);
      block.initialize(manager, dataType, net.getOutputShapes(shapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return block.getOutputShapes(net.getOutputShapes(inputShapes));
    }
  }
}
