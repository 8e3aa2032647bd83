package org.modulardiffusion.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.Workers;

/**
 * Samples shared among workers: each draws its share of them, each sample from the seed and its
 * index alone, and a sum over the workers hands every worker all of them, as one process would
 * have drawn them.
 */
final class SharedSamples {
  private SharedSamples() {}

  /**
   * The decoded trajectory [positions, labels × batch, …] on {@code manager} of {@code batch}
   * samples of each of {@code labels} (empty: unlabelled), keeping every {@code every}-th step.
   *
   * @throws IllegalArgumentException when there are fewer samples than workers
   */
  static <D extends Distribution<D>> NDArray trajectory(NDManager manager, Model<D> model, Sampler<D> sampler,
      Guidance guidance, long[] labels, int batch, int every, SamplingProgress progress, long seed, Workers workers) {
    long count = (long) Math.max(1, labels.length) * batch;
    if (count < workers.count()) {
      throw new IllegalArgumentException(String.format(
          "%d samples cannot be shared among %d workers; sample at least one for each", count, workers.count()));
    }
    long[] rows = workers.share(count);
    NDArray mine = model.sample(manager, labels, batch, rows[0], rows[1], every, sampler, guidance, progress, seed);
    if (workers.count() == 1) {
      return mine;
    }
    Shape shape = mine.getShape();
    NDArray all = manager.zeros(new Shape(shape.get(0), count).addAll(shape.slice(2)), mine.getDataType());
    all.set(new NDIndex(":, {}:{}", rows[0], rows[1]), mine);
    workers.sum(all);
    return all;
  }
}
