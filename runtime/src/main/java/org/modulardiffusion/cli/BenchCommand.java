package org.modulardiffusion.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.device.MemoryAllocator;
import org.modulardiffusion.device.OperationCount;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.eval.Median;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code diffusion bench}: measures a config's training and sampling speed and the peak memory,
 * after a warm-up, each speed the median of {@code --rounds} measurements, and prints the figures,
 * with the memory allocator they were measured on, and one JSON line.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures training steps/s and samples/s, sampling steps/s, the operations PyTorch runs in a step of each,"
            + " and peak resident memory, and names the memory allocator.")
final class BenchCommand implements Callable<Integer> {
  /** Warm-up steps at least, of training and of sampling. */
  private static final int WARM_UP = 3;
  /** Warm-up time at least: the JIT compiles DJL's hot paths in the first seconds of a run. */
  private static final long WARM_UP_NANOS = 2_000_000_000L;

  @ParentCommand Diffusion parent;

  @Option(names = "--config", paramLabel = "FILE", description = "The YAML config; the embedded default if absent.")
  Path config;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Steps measured, of training and of sampling (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Samples drawn at once when sampling (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "Times each speed is measured; the median is reported, with the slowest and the fastest round (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--operations", description = "Also list the operations of a training step and of a sampling step by name.")
  boolean listOperations;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Integer call() throws Exception {
    if (steps < 1 || batch < 1 || rounds < 1) {
      throw new IllegalArgumentException("--steps, --batch and --rounds must be at least 1");
    }
    RunConfig run = config != null ? RunConfig.read(config) : RunConfig.defaults();
    try (Model model = new ModelAssembler(parent.registry()).assemble(run.node())) {
      TrainingLoop loop = Training.of(run.node().section("train")).loop(model).progress(TrainingListener.none()).build();
      int warmUp = warmUp(() -> loop.trainSteps(1));
      Timing training = timed(() -> loop.trainSteps(steps));

      Sampler sampler = new FirstSteps<>(model.sampler(), steps);
      int taken = sampler.times(model.noise(), model.steps()).length - 1;
      long[] labels = Samples.defaultLabels(model).length > 0 ? new long[] {1} : new long[0];
      Timing sampling;
      try (NDManager manager = NDManager.newBaseManager()) {
        Sampler firstStep = new FirstSteps<>(model.sampler(), 1);
        warmUp(() -> readBack(model.sample(manager, labels, batch, model.steps(), firstStep)));
        sampling = timed(() -> readBack(model.sample(manager, labels, batch, model.steps(), sampler)));
      }

      OperationCount trainOperations = OperationCount.of(() -> loop.trainSteps(1));
      // Two steps less one: a step in the middle of a run, without the run's start and end.
      OperationCount sampleOperations = samplingOperations(model, labels, 2).minus(samplingOperations(model, labels, 1));

      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("config", run.source());
      figures.put("device", model.device().toString());
      figures.put("parameters", model.parameterCount());
      figures.put("rounds", rounds);
      figures.put("train_batch", loop.batchSize());
      figures.put("train_steps_per_s", round(training.median(steps)));
      figures.put("train_steps_per_s_range", training.range(steps));
      figures.put("train_samples_per_s", round(training.median(steps * loop.batchSize())));
      figures.put("sample_batch", batch);
      figures.put("sample_steps_per_s", round(sampling.median(taken)));
      figures.put("sample_steps_per_s_range", sampling.range(taken));
      figures.put("train_ops_per_step", trainOperations.total());
      figures.put("sample_ops_per_step", sampleOperations.total());
      figures.put("peak_rss_mb", peakResidentMegabytes());
      figures.put("allocator", MemoryAllocator.inThisProcess().name());
      System.out.printf(
          Locale.ROOT,
          "%s on %s, %,d parameters%n  training: %.2f steps/s, %.1f samples/s (batch %d, %d steps after %d warm-up%s),"
              + " %,d operations a step%n  sampling: %.2f steps/s (batch %d, %d steps with %s%s), %,d operations a step%n"
              + "  peak resident memory: %s MB; memory allocator: %s%n",
          run.source(), model.device(), model.parameterCount(), training.median(steps),
          training.median(steps * loop.batchSize()), loop.batchSize(), steps, warmUp, training.describe(steps),
          trainOperations.total(), sampling.median(taken), batch, taken, model.sampler(), sampling.describe(taken),
          sampleOperations.total(), figures.get("peak_rss_mb"), figures.get("allocator"));
      if (listOperations) {
        list("training step", trainOperations);
        list("sampling step", sampleOperations);
      }
      System.out.println(new Gson().toJson(figures));
    }
    return 0;
  }

  private static void list(String step, OperationCount operations) {
    System.out.printf(Locale.ROOT, "  operations of a %s:%n", step);
    System.out.printf(Locale.ROOT, "  %6s  %9s  %s%n", "count", "ms", "name (ms as the profiler measured them)");
    operations.byName()
        .forEach(
            (name, count) ->
                System.out.printf(Locale.ROOT, "  %6d  %9.3f  %s%n", count, operations.micros(name) / 1000, name));
  }

  /** The operations of a sampling run of the sampler's first {@code steps} steps. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private OperationCount samplingOperations(Model model, long[] labels, int steps) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return OperationCount.of(
          () -> model.sample(manager, labels, batch, model.steps(), new FirstSteps<>(model.sampler(), steps)).close());
    }
  }

  /** {@link #rounds} timings of {@code work}. */
  private Timing timed(Runnable work) {
    double[] seconds = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      work.run();
      seconds[round] = (System.nanoTime() - start) / 1e9;
    }
    return new Timing(seconds);
  }

  /** Runs {@code step} {@link #WARM_UP} times and for {@link #WARM_UP_NANOS} at least; returns how often. */
  private static int warmUp(Runnable step) {
    long until = System.nanoTime() + WARM_UP_NANOS;
    int count = 0;
    while (count < WARM_UP || System.nanoTime() < until) {
      step.run();
      count++;
    }
    return count;
  }

  /** Copies the samples to the host, as a user's command does, which waits for the device, and closes them. */
  private static void readBack(NDArray samples) {
    try (samples) {
      samples.toByteArray();
    }
  }

  /**
   * The seconds each round of a measurement took. Its speeds are units of work (steps, samples)
   * a second: the median of the rounds, and the slowest and fastest round, since one machine's
   * speed drifts from round to round.
   */
  static final class Timing {
    private final double[] seconds;

    Timing(double[] seconds) {
      this.seconds = seconds.clone();
    }

    /** The median speed of {@code units} of work a round. */
    double median(double units) {
      return units / Median.of(seconds);
    }

    /** The slowest and the fastest round's speed, rounded to hundredths. */
    double[] range(double units) {
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      return new double[] {round(units / sorted[sorted.length - 1]), round(units / sorted[0])};
    }

    /** How the steps/s of {@code units} steps a round were found, for the printed line: nothing for one round. */
    String describe(double units) {
      if (seconds.length == 1) {
        return "";
      }
      double[] range = range(units);
      return String.format(
          Locale.ROOT, ", median of %d rounds of %.2f to %.2f steps/s", seconds.length, range[0], range[1]);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** The peak resident set size of this process (Linux's VmHWM), or -1 where it is not known. */
  private static long peakResidentMegabytes() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** The first {@code count} steps of a sampler, then straight to t = 0: a sample of its speed. */
  private static final class FirstSteps<D extends org.modulardiffusion.base.Distribution<D>> extends Sampler<D> {
    private final Sampler<D> sampler;
    private final int count;

    FirstSteps(Sampler<D> sampler, int count) {
      this.sampler = sampler;
      this.count = count;
    }

    @Override
    public int[] times(org.modulardiffusion.base.Noise<D> noise, int total) {
      int[] times = sampler.times(noise, total);
      if (times.length <= count + 1) {
        return times;
      }
      int[] first = Arrays.copyOf(times, count + 1);
      first[count] = 0;
      return first;
    }

    @Override
    public NDArray step(Sampling<D> sampling, NDArray z, int t, int s) {
      return sampler.step(sampling, z, t, s);
    }

    @Override
    public Run run(Sampling<D> sampling) {
      return sampler.run(sampling);
    }

    @Override
    public String toString() {
      return sampler.toString();
    }
  }
}
