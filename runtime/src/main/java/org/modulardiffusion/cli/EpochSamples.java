package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Draws samples after every epoch, with the moving average of the weights when the model keeps
 * one, into the run folder: a picture, a scatter plot or sentences.
 */
final class EpochSamples implements TrainingListener {
  private final RunFolder folder;
  private final SamplingProgress progress;
  private Path latest;

  /** Samples into {@code folder}, telling {@code progress} of the sampling's steps. */
  EpochSamples(RunFolder folder, SamplingProgress progress) {
    this.folder = folder;
    this.progress = progress;
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
          false, progress).get(0);
    } catch (IOException e) {
      throw folder.failed(epoch, e);
    }
  }

  /** The file written after the last epoch. */
  Path latest() {
    return latest;
  }
}
