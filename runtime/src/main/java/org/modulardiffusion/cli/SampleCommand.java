package org.modulardiffusion.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.engine.SamplingBar;
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
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write: FILE.png (or .txt for text) and FILE.npz, the final samples and their labels as"
          + " NumPy arrays; an extension given is replaced (default: samples next to the checkpoint).")
  Path out;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Integer call() throws Exception {
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
      Samples.warnIfUndrawable(model);
      long start = System.nanoTime();
      List<Path> files =
          Samples.write(model, chosen, chosenLabels, perLabel, base, true, SamplingBar.console(Duration.ZERO));
      System.err.printf(
          "wrote %s with %s in %,d steps, %.1f s%n",
          String.join(" and ", files.stream().map(Path::toString).toList()),
          chosen,
          Samples.stepsTaken(chosen, model),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}
