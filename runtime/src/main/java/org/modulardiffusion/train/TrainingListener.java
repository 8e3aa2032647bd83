package org.modulardiffusion.train;

/**
 * Receives the events of a {@link TrainingLoop}, in the shape of DJL's {@code TrainingListener}:
 * each concern of a run (progress, divergence, the moving average of the weights, metrics,
 * sample pictures, checkpoints) is one listener, and a run is the listeners it composes. The
 * loop calls its listeners in the order they were added; a listener that throws stops the run.
 */
public interface TrainingListener {

  /**
   * Called once before the first step of {@link TrainingLoop#train}.
   *
   * @param loop the loop
   */
  default void onTrainingBegin(TrainingLoop<?> loop) {}

  /**
   * Called before the first step of each epoch; {@code epoch} counts over the model's life from 1.
   *
   * @param loop the loop
   * @param epoch the epoch, from 1
   */
  default void onEpochBegin(TrainingLoop<?> loop, int epoch) {}

  /**
   * Called after each optimizer step of an epoch with its loss, in the order of the steps. The
   * loop reads losses from the device a few times a second, so later steps may have been taken
   * already (and counted by the model); the last step of an epoch is heard before the epoch ends.
   *
   * @param loop the loop
   * @param step the step taken
   */
  default void onStep(TrainingLoop<?> loop, Step step) {}

  /**
   * Called after each epoch, with the mean loss of its steps; the model's epoch count includes it.
   *
   * @param loop the loop
   * @param epoch the epoch, from 1
   * @param meanLoss the mean loss of the epoch's steps
   */
  default void onEpoch(TrainingLoop<?> loop, int epoch, float meanLoss) {}

  /**
   * A listener that does nothing, for a run that reports nothing.
   *
   * @return the listener
   */
  static TrainingListener none() {
    return new TrainingListener() {};
  }

  /**
   * One optimizer step.
   *
   * @param epoch the epoch it belongs to, counted over the model's life from 1
   * @param step its number in the epoch, from 1
   * @param steps the optimizer steps of the epoch
   * @param loss the mean loss of its examples
   * @param learningRate the learning rate it took
   */
  record Step(int epoch, int step, int steps, float loss, double learningRate) {}
}
