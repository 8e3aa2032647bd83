package org.modulardiffusion.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.checkpoint.Checkpoint;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.distributed.WorkerEnvironment;
import org.modulardiffusion.distributed.WorkerGroup;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.progress.SamplingBar;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.train.ProgressBar;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;
import org.modulardiffusion.train.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  /** How long the samples of an epoch take before their progress shows. */
  private static final Duration EPOCH_SAMPLES_QUIET = Duration.ofSeconds(10);

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

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = {
        "Examples per forward and backward pass, overriding train.batch; train.accumulate follows, so that an"
            + " optimizer step keeps its examples (N must divide them).",
        "With --resume, goes on after running out of memory."
      })
  Integer batch;

  @Mixin WorkersOption workersOption;

  @Override
  public Integer call() throws Exception {
    Optional<Integer> launched = workersOption.launch();
    if (launched.isPresent()) {
      return launched.get();
    }
    Optional<WorkerEnvironment> place = workersOption.place();
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
    if (batch != null) {
      Training smaller = withBatch(Training.of(run.node().section("train")), batch);
      run.with("train", "batch", smaller.batch());
      run.with("train", "accumulate", smaller.accumulate());
    }
    if (seed != null) {
      run.with("train", "seed", seed);
    }
    if (place.isEmpty()) {
      train(run, from, Workers.alone(), null);
      return 0;
    }
    Duration timeout = Duration.ofSeconds(Training.of(run.node().section("train")).timeout());
    try (WorkerGroup group = WorkerGroup.join(place.get(), timeout)) {
      if (!run.node().section("train").has("seed")) {
        run.with("train", "seed", Integer.parseInt(group.shared("seed", String.valueOf(new Random().nextInt()))));
      }
      group.agree("config", run.yaml());
      group.agree("code", CodeDigest.of(moduleClasses()));
      train(run, from, group, device(Training.of(run.node().section("train")).device(), place.get()));
    }
    return 0;
  }

  /**
   * The device of the worker at {@code place} where the config names {@code configured}: a GPU
   * each, by its place on the machine, where there are GPUs and the config leaves the choice to
   * them; else what the config names.
   */
  private static String device(String configured, WorkerEnvironment place) {
    boolean chosen = !configured.equals("auto") && !configured.equals("gpu");
    return chosen ? configured : Engine.getInstance().getGpuCount() > 0 ? "gpu:" + place.localRank() : "cpu";
  }

  /**
   * Trains the model that {@code run} describes as one of {@code workers}, on {@code device} when
   * it is not null (the config's own stays in the run's record): worker 0 writes the run's folder,
   * the others only train.
   */
  private void train(RunConfig run, Checkpoint from, Workers workers, String device) throws IOException {
    if (!run.node().section("train").has("seed")) {
      // Recorded in every checkpoint's config, so that --resume continues the run exactly.
      run.with("train", "seed", new Random().nextInt());
    }
    Training training = Training.of(run.node().section("train"));
    boolean writes = workers.rank() == 0;
    RunFolder folder = new RunFolder(out);
    if (writes) {
      folder.checkWritable();
      System.err.println("assembling the model of " + run.source());
    }
    RunConfig assembled = device == null ? run : RunConfig.parse(run.source(), run.yaml()).with("train", "device", device);
    try (Model<?> model = new ModelAssembler(parent.registry()).assemble(assembled.node())) {
      if (workers instanceof WorkerGroup group) {
        group.agree("weights", model.weightsDigest());
      }
      if (workers instanceof WorkerGroup group) {
        train(model, training, folder, run.yaml(), from, group);
      } else {
        train(model, training, folder, run.yaml(), from);
      }
    } finally {
      if (writes) {
        folder.removeIfUnused();
      }
    }
  }

  /** The classes of the program and of its installed modules: what the workers of a job must share. */
  private List<Class<?>> moduleClasses() throws IOException {
    List<Class<?>> classes = new ArrayList<>(List.of(Diffusion.class));
    parent.registry().descriptors().forEach(descriptor -> classes.add(descriptor.type()));
    return classes;
  }


  /** {@code training} with batches of {@code batch}, or a refusal that names {@code --batch}. */
  private static Training withBatch(Training training, int batch) {
    try {
      return training.withBatch(batch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--batch: " + e.getMessage(), e);
    }
  }

  /**
   * Trains {@code model} alone, continuing from {@code from} when it is a checkpoint, with
   * listeners that fill {@code folder} after every epoch; a stop (Ctrl-C, SIGTERM) holds it at
   * its next step and tells how to go on ({@link InterruptNotice}).
   */
  private <D extends Distribution<D>> void train(
      Model<D> model, Training training, RunFolder folder, String config, Checkpoint from) throws IOException {
    InterruptNotice interrupted = new InterruptNotice(folder);
    TrainingLoop<D> loop = loop(model, training, folder, config, Workers.alone(),
        interrupted.holding(SamplingBar.console(EPOCH_SAMPLES_QUIET)))
        .listener(interrupted)
        .build();
    int remaining = begin(loop, model, training, folder, from, true);
    if (remaining > 0) {
      try (interrupted) {
        interrupted.watch(model.epoch() + 1);
        loop.train(remaining);
      }
    }
  }

  /**
   * Trains {@code model} as one of the workers of {@code group}, as {@link #train(Model, Training,
   * RunFolder, String, Checkpoint)} does alone: worker 0 with the listeners; a stop of any worker
   * stops them all after the same step ({@link SharedStop}), and worker 0 tells how to go on.
   */
  private <D extends Distribution<D>> void train(
      Model<D> model, Training training, RunFolder folder, String config, Checkpoint from, WorkerGroup group)
      throws IOException {
    boolean tells = group.rank() == 0;
    TrainingLoop.Builder<D> builder = loop(model, training, folder, config, group, SamplingBar.console(EPOCH_SAMPLES_QUIET));
    try (SharedStop stop = new SharedStop(training.timeout(),
        tells ? () -> InterruptNotice.tell(model.epoch() + 1, folder) : () -> {})) {
      TrainingLoop<D> loop = builder.stopWhen(stop).build();
      int remaining = begin(loop, model, training, folder, from, tells);
      if (remaining <= 0) {
        return;
      }
      long steps = model.step();
      loop.train(remaining);
      if (loop.stopped()) {
        stop.holdStopped();
      }
      if (tells) {
        Duration summing = group.summing();
        System.err.printf("the sums over the %d workers (%s) took %.1f s, %.1f ms a step%n", group.count(),
            group.backend(), summing.toNanos() / 1e9, summing.toNanos() / 1e6 / Math.max(1, model.step() - steps));
      }
    }
  }

  /**
   * A builder of the loop of one of {@code workers}; the first, which tells, with its progress and
   * the listeners that fill {@code folder}, {@code epochSamples} hearing of each step of an
   * epoch's samples.
   */
  private <D extends Distribution<D>> TrainingLoop.Builder<D> loop(Model<D> model, Training training,
      RunFolder folder, String config, Workers workers, SamplingProgress epochSamples) {
    TrainingLoop.Builder<D> builder = training.loop(model, workers)
        .outOfMemoryAdvice(String.format(
            "train with a smaller --batch, which accumulates batches into the same %,d examples a step"
                + " (with --resume, from the last checkpoint)", training.examplesPerStep()));
    if (workers.rank() != 0) {
      return builder.progress(TrainingListener.none());
    }
    EpochSamples samples = new EpochSamples(folder, epochSamples);
    return builder.progress(ProgressBar.console(training.epochs()))
        .listener(samples)
        .listener(new LossPlotter(folder))
        .listener(new EpochMetrics(folder, samples))
        .listener(new EpochCheckpoint(folder, config, samples));
  }

  /**
   * Resumes {@code loop} from {@code from} when it is a checkpoint and returns the epochs left to
   * train; a worker that {@code tells} recovers the run's folder and says what it starts.
   */
  private int begin(TrainingLoop<?> loop, Model<?> model, Training training, RunFolder folder, Checkpoint from,
      boolean tells) throws IOException {
    if (from != null) {
      from.resume(loop);
    }
    int remaining = training.epochs() - model.epoch();
    if (!tells) {
      return remaining;
    }
    folder.recover(model.epoch());
    if (from != null) {
      System.err.println("resuming " + from + " after epoch " + model.epoch());
    }
    if (remaining <= 0) {
      System.err.println("the run has trained its " + training.epochs() + " epochs; raise --epochs to go on");
    } else {
      System.err.printf(
          "training %s (%,d parameters) on %s for %d epochs%s; outputs in %s%n",
          model.net().getClass().getSimpleName(), model.parameterCount(), model.device(), remaining,
          loop.workerCount() > 1 ? " with " + loop.workerCount() + " workers" : "", out);
    }
    return remaining;
  }
}
