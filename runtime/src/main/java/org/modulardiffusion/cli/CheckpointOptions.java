package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.modulardiffusion.base.Sampler;
import picocli.CommandLine.Option;
import org.modulardiffusion.config.ModuleRegistry;

/** The options of a command that works on a trained model: its checkpoint and the sampler. */
final class CheckpointOptions {
  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      required = true,
      description = "A checkpoint folder, or a run's output or checkpoints folder (its latest checkpoint).")
  Path checkpoint;

  @Option(
      names = "--sampler",
      paramLabel = "SAMPLER",
      description = "A sampler, NAME or 'NAME {key: value, …}' with settings as in a config, e.g. ddim or 'ddim {eta: 0,"
          + " clip: 1}'; the run's own sampler keeps the run's settings but those given (default: the run's).")
  String sampler;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Steps of a sampler that takes them: the run's sampler where it takes steps, else ddim.")
  Integer steps;

  @Option(
      names = "--weights",
      paramLabel = "raw|ema",
      description = "The trained weights (raw) or their moving average (ema); by default ema when the run kept one (train.ema).")
  String weights;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      description = "auto, cpu, gpu or gpu:N (default: auto, a GPU when DJL sees one, whatever the run trained on).")
  String device;

  /** The model of the checkpoint on the device the options choose, its modules found in {@code registry}. */
  RestoredModel open(ModuleRegistry registry) throws IOException {
    return RestoredModel.open(checkpoint, registry, weights, device == null ? "auto" : device);
  }

  /**
   * The sampler the options choose for {@code model}: the run's own unless they name one. Warns
   * when it takes fewer steps than {@code --steps} asks, as DDIM does beyond the model's T.
   */
  Sampler<?> sampler(RestoredModel model) {
    Sampler<?> chosen = model.sampler(sampler == null ? null : SamplerChoice.parse(sampler), steps);
    int taken = Samples.stepsTaken(chosen, model.model());
    if (steps != null && taken < steps) {
      System.err.printf("warning: --steps %,d: the model has %,d diffusion steps, so %s takes %,d%n",
          steps, model.model().steps(), chosen, taken);
    }
    return chosen;
  }
}
