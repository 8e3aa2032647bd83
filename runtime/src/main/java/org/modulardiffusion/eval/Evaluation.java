package org.modulardiffusion.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.engine.Model;

/**
 * What {@code diffusion eval} asks of an {@link Evaluable} data set.
 *
 * @param model the trained model
 * @param sampler the sampler to sample it with
 * @param source where the samples come from: the model sampled with the sampler
 * @param samples how many samples to draw in all; 0 for the data set's own choice
 * @param heldOut {@code count} examples the model was not trained on: the run's data set drawn
 *     again with its seed + 1
 * @param cache a folder where an evaluation may keep what it trains once, such as a classifier
 * @param out where to show a few of the samples
 */
public record Evaluation(
    Model<?> model,
    Sampler<?> sampler,
    SampleSource source,
    int samples,
    IntFunction<Dataset> heldOut,
    Path cache,
    PrintStream out) {

  /**
   * {@link #samples}, or {@code fallback} when the data set chooses.
   *
   * @param fallback the data set's choice
   * @return the number of samples to draw
   */
  public int samplesOr(int fallback) {
    return samples > 0 ? samples : fallback;
  }
}
