package org.modulardiffusion.cli;

/** The config the command-line tests train: 64 points of eight gaussians and a small Mlp, one epoch of two steps. */
public final class ToyConfig {
  /** The config's YAML. */
  public static final String YAML =
      """
      dataset:  {type: toy2d, figure: gaussians, count: 64, noise: 0.1, seed: 7}
      schedule: {type: cosine, steps: 10}
      noise:    {type: gaussian, parameter: epsilon}
      net:      {type: mlp, labels: 8, width: 16, depth: 2}
      loss:     {type: simple, parameter: epsilon}
      train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 1}
      """;

  private ToyConfig() {}
}
