package org.modulardiffusion.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingProgress;

/**
 * Where an evaluation's samples come from: a model sampled with a sampler, in this process or
 * shared among workers, from the engine's random numbers or each from a seed of its own.
 */
@FunctionalInterface
public interface SampleSource {

  /**
   * {@code perLabel} samples of each of {@code labels} (empty: unlabelled) drawn under {@code
   * guidance}: their stationary noise and their final values, [2, labels × perLabel, …] on
   * {@code manager}.
   *
   * @param manager where the samples live
   * @param labels the labels, or empty
   * @param perLabel the number of samples of each label, ≥ 1
   * @param guidance the guidance to draw under
   * @return the noise and the samples, [2, labels × perLabel, …]
   */
  NDArray draw(NDManager manager, long[] labels, int perLabel, Guidance guidance);

  /**
   * {@code model} sampled with {@code sampler} from the engine's random numbers, telling {@code progress} of each step.
   *
   * @param <D> the noise's distribution
   * @param model the model
   * @param sampler the sampler
   * @param progress what to tell of each step
   * @return the source
   */
  static <D extends Distribution<D>> SampleSource of(Model<D> model, Sampler<D> sampler, SamplingProgress progress) {
    return (manager, labels, perLabel, guidance) ->
        model.sample(manager, labels, perLabel, model.steps(), sampler, guidance, progress);
  }
}
