package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.SamplingBar;
import org.modulardiffusion.engine.TrainingListener;
import org.modulardiffusion.engine.TrainingLoop;

/**
 * Draws samples after every epoch, with the moving average of the weights when the model keeps
 * one, into the run folder: a picture, a scatter plot or sentences. Their sampling shows its
 * progress only when it is long, as it is for a large model with many steps.
 */
final class EpochSamples implements TrainingListener {
  /** How long the samples of an epoch take before their progress shows. */
  private static final Duration QUIET = Duration.ofSeconds(10);

  private final RunFolder folder;
  private Path latest;

  EpochSamples(RunFolder folder) {
    this.folder = folder;
  }

  @Override
  public void onTrainingBegin(TrainingLoop<?> loop) {
    Samples.warnIfUndrawable(loop.model());
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    Model<?> model = loop.model();
    long[] labels = Samples.defaultLabels(model);
    try (Model.AveragedWeights averaged = model.hasAveragedWeights() ? model.averagedWeights() : null) {
      latest = Samples.write(model, model.sampler(), labels, Samples.defaultBatch(model, labels), folder.samples(epoch),
          false, SamplingBar.console(QUIET)).get(0);
    } catch (IOException e) {
      throw folder.failed(epoch, e);
    }
  }

  /** The file written after the last epoch. */
  Path latest() {
    return latest;
  }
}
