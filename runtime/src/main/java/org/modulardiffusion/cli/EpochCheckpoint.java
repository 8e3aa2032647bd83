package org.modulardiffusion.cli;

import java.io.IOException;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * Writes a checkpoint after every epoch, the last of the epoch's outputs, and says so: once it
 * is written, the epoch is complete on disk.
 */
final class EpochCheckpoint implements TrainingListener {
  private final RunFolder folder;
  private final String config;
  private final EpochSamples samples;

  /** Checkpoints a run of {@code config}; {@code samples} names the epoch's samples in the message. */
  EpochCheckpoint(RunFolder folder, String config, EpochSamples samples) {
    this.folder = folder;
    this.config = config;
    this.samples = samples;
  }

  @Override
  public void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {
    try {
      Checkpoint.write(folder.checkpoints(), loop, config);
    } catch (IOException e) {
      throw folder.failed(epoch, e);
    }
    System.err.println("epoch " + epoch + ": wrote " + folder.relative(samples.latest()) + " and a checkpoint");
  }
}
