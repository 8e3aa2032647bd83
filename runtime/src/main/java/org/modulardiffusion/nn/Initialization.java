package org.modulardiffusion.nn;

import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * PyTorch's default initialization of linear and convolution weights, uniform in
 * ±1 / sqrt(fan_in), so that a net starts at the scale its Python twin starts at; DJL's own
 * default, He's normal, has six times the variance.
 */
public final class Initialization {
  /** Uniform in ±1 / sqrt(fan_in), fan_in = input channels × kernel size. */
  public static final Initializer PYTORCH = new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1);

  private Initialization() {}

  /**
   * Gives every parameter named "weight" in {@code block} and its children PyTorch's initializer.
   *
   * @param block the block, whose initializer is set in place
   */
  public static void likePyTorch(Block block) {
    block.setInitializer(PYTORCH, parameter -> parameter.getName().equals("weight"));
  }
}
