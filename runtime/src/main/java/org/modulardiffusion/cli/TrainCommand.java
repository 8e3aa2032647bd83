package org.modulardiffusion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Checkpoint;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.report.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code diffusion train}: trains a model from a config, writing checkpoints and samples. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the model a config describes (with no --config: rendered digits, a small UNet).",
      "Writes a checkpoint, samples and a line of metrics after every epoch, and a loss plot."
    })
final class TrainCommand implements Callable<Integer> {
  @ParentCommand Diffusion parent;

  @Option(names = "--config", paramLabel = "FILE", description = "The YAML config; the embedded default if absent.")
  Path config;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train in all, overriding train.epochs.")
  Integer epochs;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "The output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu, gpu or gpu:N, overriding train.device.")
  String device;

  @Option(names = "--seed", paramLabel = "S", description = "The seed of every random draw, overriding train.seed.")
  Integer seed;

  @Option(names = "--resume", description = "Continue from the latest checkpoint in the output folder, with its config.")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    Path checkpoints = out.resolve("checkpoints");
    Checkpoint from = resume ? Checkpoint.latest(checkpoints) : null;
    if (!resume && Files.exists(checkpoints.resolve("latest"))) {
      throw new IllegalStateException(
          out + " holds a run already; use --resume to continue it or --out for a new folder");
    }
    RunConfig run =
        from != null
            ? RunConfig.parse(from.directory().resolve("config.yaml").toString(), from.config())
            : config != null ? RunConfig.read(config) : RunConfig.defaults();
    if (epochs != null) {
      run.with("train", "epochs", epochs);
    }
    if (device != null) {
      run.with("train", "device", device);
    }
    if (seed != null) {
      run.with("train", "seed", seed);
    } else if (!run.node().section("train").has("seed")) {
      // Recorded in every checkpoint's config, so that --resume continues the run exactly.
      run.with("train", "seed", new Random().nextInt());
    }
    Training training = Training.of(run.node().section("train"));
    TrainingRun outputs = new TrainingRun(out, run.yaml(), training.epochs());
    outputs.checkWritable();
    System.err.println("assembling the model of " + run.source());
    try (Model<?> model = new ModelAssembler(parent.registry()).builder(run.node()).progress(outputs).build()) {
      List<Float> earlier = List.of();
      if (from != null) {
        from.restore(model);
      }
      outputs.recover(model.epoch());
      if (from != null) {
        earlier = new MetricsLog(out.resolve("metrics.jsonl")).column("loss").stream().map(Double::floatValue).toList();
        System.err.println("resuming " + from + " after epoch " + model.epoch());
      }
      outputs.attach(model, earlier);
      int remaining = training.epochs() - model.epoch();
      if (remaining <= 0) {
        System.err.println("the run has trained its " + training.epochs() + " epochs; raise --epochs to go on");
        return 0;
      }
      System.err.printf(
          "training %s (%,d parameters) on %s for %d epochs; outputs in %s%n",
          model.net().getClass().getSimpleName(), model.parameterCount(), model.device(), remaining, out);
      model.train(remaining);
    }
    return 0;
  }
}
