package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.report.MetricsLog;

/**
 * The output folder of a training run, which its listeners fill after every epoch ({@link
 * EpochSamples}, {@link LossPlotter}, {@link EpochMetrics}, then, last, {@link EpochCheckpoint}).
 * An epoch's outputs are one unit: {@code latest} names an epoch only once all of them are
 * written, and {@link #recover} removes whatever an interrupted run wrote after that, so a crash
 * loses at most the epoch in progress, which a resumed run trains again.
 *
 * <pre>
 * out/checkpoints/epoch-0003/   the checkpoint (see {@link Checkpoint}); checkpoints/latest names it
 * out/samples/epoch-0003.png    sample grid, scatter plot or .txt sentences
 * out/metrics.jsonl             one line per epoch
 * out/loss.png                  the loss of every step (since the run started or resumed), smoothed,
 *                               and the mean of each epoch
 * </pre>
 */
final class RunFolder {
  private static final Pattern SAMPLE = Pattern.compile("epoch-(\\d{4,})\\..*");
  /** The temporary files this run's writers make: the target's name, a random number, .tmp. */
  private static final Pattern TEMPORARY =
      Pattern.compile("(loss\\.png|metrics\\.jsonl|probe|epoch-\\d{4,}\\.\\w+)\\.\\d+\\.tmp");
  private final Path out;
  /** Whether {@link #checkWritable} made the folder. */
  private boolean made;

  RunFolder(Path out) {
    this.out = out;
  }

  /** The folder, as the user named it. */
  Path path() {
    return out;
  }

  /** Checks, before anything else is done, that the folder can be made and written. */
  void checkWritable() throws IOException {
    try {
      made = !Files.exists(out);
      Files.createDirectories(out);
      Files.delete(Files.createTempFile(out, "probe.", ".tmp"));
    } catch (IOException e) {
      throw new IOException("cannot write the outputs to " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the folder if {@link #checkWritable} made it and nothing was written to it since: a
   * run that fails before its first epoch leaves no empty folder behind. A folder that cannot be
   * removed stays: the failure that ended the run is what the user must hear of.
   */
  void removeIfUnused() {
    if (made) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isEmpty()) {
          Files.delete(out);
        }
      } catch (IOException e) {
        // it stays, empty
      }
    }
  }

  /**
   * Makes the folder hold exactly the outputs of the epochs up to {@code epoch}, the latest
   * checkpoint's (0 for none), before training starts: removes the temporary files and
   * directories an interrupted run left (only names this run's writers make: the folder may hold
   * the user's own files) and the samples and metrics lines of later epochs.
   */
  void recover(int epoch) throws IOException {
    Checkpoint.clean(checkpoints());
    new MetricsLog(metrics()).keepEpochs(epoch);
    for (Path folder : List.of(out, samples())) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (TEMPORARY.matcher(file.getFileName().toString()).matches()
              || folder.equals(samples()) && laterEpoch(file, epoch)) {
            Files.delete(file);
          }
        }
      }
    }
  }

  private static boolean laterEpoch(Path file, int epoch) {
    Matcher name = SAMPLE.matcher(file.getFileName().toString());
    return name.matches() && Integer.parseInt(name.group(1)) > epoch;
  }

  /** {@code file}'s path relative to the folder, for messages and the metrics. */
  String relative(Path file) {
    return out.relativize(file).toString();
  }

  /** The base of the sample files of {@code epoch}, without an extension. */
  Path samples(int epoch) {
    return samples().resolve(String.format("epoch-%04d", epoch));
  }

  private Path samples() {
    return out.resolve("samples");
  }

  /** The checkpoints' root folder. */
  Path checkpoints() {
    return out.resolve("checkpoints");
  }

  /** The metrics, a JSON line per epoch. */
  Path metrics() {
    return out.resolve("metrics.jsonl");
  }

  /** The loss plot. */
  Path lossPlot() {
    return out.resolve("loss.png");
  }

  /** A failure to write an output of {@code epoch}, which stops the run, with its cause. */
  UncheckedIOException failed(int epoch, IOException cause) {
    return new UncheckedIOException(
        "could not write the outputs of epoch " + epoch + " to " + out + ": " + cause.getMessage(), cause);
  }
}
