package org.modulardiffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Group normalization (Wu and He, 2018) of x, [b, c, …]: the c channels are split into groups,
 * each group of each example is normalized over its channels and positions,
 * (x − mean) / sqrt(var + 1e-5), and each channel is then scaled by gamma and shifted by beta;
 * in one native operation, PyTorch's group norm, which keeps only x and each group's mean and
 * deviation for the backward pass.
 */
public final class GroupNorm extends UnaryBlock {
  private final int groups;
  private final TorchScriptFunction norm;
  private final Parameter gamma;
  private final Parameter beta;

  /**
   * Normalizes over {@code groups} groups of channels; the channel count must be a multiple.
   *
   * @param groups the number of groups, ≥ 1
   */
  public GroupNorm(int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1, got " + groups);
    }
    this.groups = groups;
    // The parameters are kept as [c, 1, …], as saved checkpoints hold them; group norm takes [c].
    this.norm = TorchScriptFunction.of(
        "torch.group_norm(x, " + groups + ", gamma.flatten(), beta.flatten(), 1e-05)", "x", "gamma", "beta");
    this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long channels = inputShapes[0].get(1);
    if (channels % groups != 0) {
      throw new IllegalArgumentException(
          "group norm: " + channels + " channels cannot be split into " + groups + " groups");
    }
    // One value per channel, shaped [c, 1, …] to broadcast over the positions.
    Shape perChannel = new Shape(channels).addAll(new Shape(ones(inputShapes[0].dimension() - 2)));
    gamma.setShape(perChannel);
    beta.setShape(perChannel);
  }

  @Override
  public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
    return norm.apply(
        x, parameters.getValue(gamma, x.getDevice(), training), parameters.getValue(beta, x.getDevice(), training));
  }

  private static long[] ones(int count) {
    long[] ones = new long[count];
    Arrays.fill(ones, 1);
    return ones;
  }
}
