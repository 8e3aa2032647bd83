package org.modulardiffusion.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.distributed.WorkerGroup;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingBar;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code diffusion sample}: samples a trained model from a checkpoint. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Samples a trained model: a PNG grid of image trajectories, a scatter plot, or sentences; and the"
        + " final samples as NumPy arrays (.npz).")
final class SampleCommand implements Callable<Integer> {
  @ParentCommand Diffusion parent;

  @Mixin CheckpointOptions from;

  @Option(names = "--batch", paramLabel = "N", description = "Samples per label (default: a useful picture's worth).")
  Integer batch;

  @Option(names = "--labels", paramLabel = "L", split = ",", description = "Labels to sample, e.g. 1,2,3 (default: one of each).")
  List<Long> labels;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "The seed of the samples' noise, each sample's its own: the same sample whatever the --batch or"
          + " the workers (default: drawn at random, and printed).")
  Long seed;

  @Mixin WorkersOption workersOption;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write: FILE.png (or .txt for text) and FILE.npz, the final samples and their labels as"
          + " NumPy arrays; an extension given is replaced (default: samples next to the checkpoint).")
  Path out;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Integer call() throws Exception {
    return workersOption.run(Training.DEFAULT_TIMEOUT, workers -> sample(workers, seed(workers)));
  }

  /** The seed of the samples' noise: --seed, or one drawn at random, worker 0's for all the workers. */
  private long seed(Workers workers) {
    String drawn = String.valueOf(seed != null ? seed : new Random().nextLong());
    return Long.parseLong(workers instanceof WorkerGroup group ? group.shared("seed", drawn) : drawn);
  }

  /** Samples as one of {@code workers}, each sample's noise from {@code seed}; the first writes and tells. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void sample(Workers workers, long seed) throws IOException {
    boolean tells = workers.rank() == 0;
    try (RestoredModel restored = from.open(parent.registry())) {
      Model model = restored.model();
      Sampler chosen = from.sampler(restored);
      long[] chosenLabels =
          labels == null ? Samples.defaultLabels(model) : labels.stream().mapToLong(Long::longValue).toArray();
      if (batch != null && batch < 1) {
        throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
      }
      int perLabel = batch == null ? Samples.defaultBatch(model, chosenLabels) : batch;
      Path base = out != null ? Samples.base(out) : restored.checkpoint().directory().resolve("samples");
      if (tells) {
        Samples.warnIfUndrawable(model);
      }
      long start = System.nanoTime();
      List<Path> files = Samples.write(model, chosen, chosenLabels, perLabel, base, true,
          tells ? SamplingBar.console(Duration.ZERO) : SamplingProgress.none(), seed, workers);
      if (tells) {
        System.err.printf(
            "wrote %s with %s in %,d steps, seed %d%s, %.1f s%n",
            String.join(" and ", files.stream().map(Path::toString).toList()),
            chosen,
            Samples.stepsTaken(chosen, model),
            seed,
            workers.count() > 1 ? ", " + workers.count() + " workers" : "",
            (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
