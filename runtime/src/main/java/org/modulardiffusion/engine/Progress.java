package org.modulardiffusion.engine;

/** Receives the progress of training: called after every step and every epoch. */
public interface Progress {

  /** Called after each training step with that step's loss and learning rate. */
  void step(int epoch, int step, int steps, float loss, double learningRate);

  /** Called after each epoch with the mean loss of its steps. */
  void epoch(int epoch, float meanLoss);

  /** Reports nothing. */
  static Progress silent() {
    return new Progress() {
      @Override
      public void step(int epoch, int step, int steps, float loss, double learningRate) {}

      @Override
      public void epoch(int epoch, float meanLoss) {}
    };
  }
}
