package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.modulardiffusion.base.Net;

/**
 * A net that works as another does, except on a batch of a given size, where it fails: a failure
 * that the checks on a model's first examples cannot see.
 */
final class FailingNet extends WrappingNet {
  /** How the net fails. */
  enum Failure {
    /** It asks PyTorch for 4 PiB, more than any process can address: refused at once, whatever the machine. */
    OUT_OF_MEMORY,
    /** It adds arrays of shapes that do not broadcast. */
    MISMATCH,
    /** It predicts zeros that no gradient reaches: the step's backward pass fails. */
    DETACHED
  }

  private final long failingBatch;
  private final Failure failure;

  FailingNet(Net inner, long failingBatch, Failure failure) {
    super(inner);
    this.failingBatch = failingBatch;
    this.failure = failure;
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, NDArray y, NDArray t, boolean training) {
    NDArray hat = inner.forward(parameters, x, y, t, training);
    if (x.getShape().get(0) != failingBatch) {
      return hat;
    }
    return switch (failure) {
      case OUT_OF_MEMORY -> x.getManager().zeros(new Shape(1L << 50));
      case MISMATCH -> mismatch(x);
      case DETACHED -> x.getManager().zeros(hat.getShape());
    };
  }

  /** The failing addition of {@link Failure#MISMATCH} on x. */
  static NDArray mismatch(NDArray x) {
    return x.add(x.getManager().ones(new Shape(x.getShape().get(x.getShape().dimension() - 1) + 1)));
  }
}
