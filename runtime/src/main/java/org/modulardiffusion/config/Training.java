package org.modulardiffusion.config;

import java.time.Duration;
import java.util.List;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.config.internal.ParameterDescriptor;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.LearningRateSchedule;
import org.modulardiffusion.train.LearningRateSchedule.Decay;
import org.modulardiffusion.train.TrainingLoop;
import org.modulardiffusion.train.Workers;

/**
 * The {@code train} section of a config.
 *
 * @param epochs passes over the data set
 * @param batch examples per forward and backward pass
 * @param lr the learning rate of Adam, after the warmup
 * @param seed the seed of every random draw, or {@code null} for an unseeded run
 * @param device {@code auto}, {@code cpu} or {@code gpu} (or {@code gpu:0} …)
 * @param divergence how many times its lowest running mean a loss may reach before the run is
 *     stopped as diverged
 * @param warmup optimizer steps of a linear warmup of the learning rate from 0
 * @param decay what the learning rate does after the warmup, until the last epoch ends
 * @param floor where a decay ends, as a fraction of {@code lr}
 * @param weightDecay AdamW's decoupled weight decay; 0 for plain Adam
 * @param clip the largest global norm of the gradient; 0 for no clipping
 * @param accumulate batches whose gradients add up to one optimizer step
 * @param ema the decay of the moving average of the weights; 0 for none
 * @param timeout seconds that a worker of several waits for the others in a step before it stops
 */
public record Training(
    int epochs,
    int batch,
    float lr,
    Integer seed,
    String device,
    double divergence,
    int warmup,
    Decay decay,
    double floor,
    double weightDecay,
    double clip,
    int accumulate,
    double ema,
    int timeout) {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final ParameterDescriptor EPOCHS =
      new ParameterDescriptor("epochs", "int", "1", 1, Integer.MAX_VALUE, List.of(), "passes over the data set");
  private static final ParameterDescriptor BATCH = new ParameterDescriptor(
      "batch", "int", "64", 1, Integer.MAX_VALUE, List.of(), "examples per forward and backward pass");
  private static final ParameterDescriptor LR = new ParameterDescriptor(
      "lr", "float", "1e-4", Double.MIN_VALUE, INF, List.of(), "the learning rate of Adam, after the warmup");
  private static final ParameterDescriptor SEED =
      new ParameterDescriptor("seed", "int", null, -INF, INF, List.of(), "the seed of every random draw; unseeded when absent");
  private static final ParameterDescriptor DEVICE =
      new ParameterDescriptor("device", "String", "auto", -INF, INF, List.of(), "auto, cpu, gpu or gpu:N");
  private static final ParameterDescriptor DIVERGENCE = new ParameterDescriptor(
      "divergence", "float", "1e6", 1, INF, List.of(),
      "stops the run when a loss exceeds this many times the lowest running mean; .inf for no bound");
  private static final ParameterDescriptor WARMUP = new ParameterDescriptor(
      "warmup", "int", "0", 0, Integer.MAX_VALUE, List.of(), "optimizer steps of a linear warmup of the learning rate");
  private static final ParameterDescriptor DECAY = new ParameterDescriptor(
      "decay", "LearningRateSchedule.Decay", "constant", -INF, INF, List.of("constant", "cosine", "linear"),
      "the learning rate after the warmup, until the last epoch ends");
  private static final ParameterDescriptor FLOOR = new ParameterDescriptor(
      "floor", "float", "0", 0, 1, List.of(), "where a decay ends, as a fraction of lr");
  private static final ParameterDescriptor WEIGHT_DECAY = new ParameterDescriptor(
      "weight_decay", "float", "0", 0, Double.MAX_VALUE, List.of(), "AdamW's decoupled weight decay; 0 for plain Adam");
  private static final ParameterDescriptor CLIP = new ParameterDescriptor(
      "clip", "float", "0", 0, Double.MAX_VALUE, List.of(), "the largest global norm of the gradient; 0 for no clipping");
  private static final ParameterDescriptor ACCUMULATE = new ParameterDescriptor(
      "accumulate", "int", "1", 1, Integer.MAX_VALUE, List.of(), "batches whose gradients add up to one optimizer step");
  private static final ParameterDescriptor EMA = new ParameterDescriptor(
      "ema", "float", "0", 0, 0.99999, List.of(), "the decay of a moving average of the weights; 0 for none");

  /** How long a worker of several waits for the others by default: 300 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  private static final ParameterDescriptor TIMEOUT = new ParameterDescriptor(
      "timeout", "int", String.valueOf(DEFAULT_TIMEOUT.toSeconds()), 1, Integer.MAX_VALUE, List.of(),
      "seconds a worker of several waits for the others before it stops (a dead worker is seen at once)");

  /** The section's keys, every one optional: what {@link #of} reads and the config schema offers. */
  public static final List<ParameterDescriptor> PARAMETERS = List.of(
      EPOCHS, BATCH, LR, SEED, DEVICE, DIVERGENCE, WARMUP, DECAY, FLOOR, WEIGHT_DECAY, CLIP, ACCUMULATE, EMA, TIMEOUT);

  /**
   * Reads the section; every key is optional.
   *
   * @param section the {@code train} section
   * @return the settings
   */
  public static Training of(ConfigNode section) {
    section.checkKeys(PARAMETERS.stream().map(ParameterDescriptor::name).toList(), "train");
    return new Training(
        value(section, EPOCHS).asInt(),
        value(section, BATCH).asInt(),
        section.get(LR.name(), LR.defaultValue()).positive().asFloat(),
        section.has(SEED.name()) ? value(section, SEED).asInt() : null,
        value(section, DEVICE).asString(),
        divergence(section.get(DIVERGENCE.name(), DIVERGENCE.defaultValue())),
        value(section, WARMUP).asInt(),
        value(section, DECAY).asEnum(Decay.class, DECAY.oneOf()),
        value(section, FLOOR).asDouble(),
        value(section, WEIGHT_DECAY).asDouble(),
        value(section, CLIP).asDouble(),
        value(section, ACCUMULATE).asInt(),
        value(section, EMA).asDouble(),
        value(section, TIMEOUT).asInt());
  }

  /**
   * A builder of the loop that trains {@code model} as the section says, for the caller to add
   * its listeners and progress report to. The model itself takes {@code device}, {@code seed}
   * (for its initialization) and {@code ema} from the section when it is assembled.
   *
   * @param <D> the noise's distribution
   * @param model the model to train
   * @return the builder
   */
  public <D extends Distribution<D>> TrainingLoop.Builder<D> loop(Model<D> model) {
    TrainingLoop.Builder<D> loop = TrainingLoop.builder(model)
        .batchSize(batch)
        .accumulate(accumulate)
        .learningRate(schedule(model.dataset().size()))
        .weightDecay(weightDecay)
        .clip(clip)
        .divergence(divergence)
        .outOfMemoryAdvice("lower train.batch; train.accumulate adds up smaller batches to the same step");
    if (seed != null) {
      loop.seed(seed);
    }
    return loop;
  }

  /**
   * A builder of the loop of one of {@code workers}, which share each optimizer step: each takes
   * an even share of every batch, {@code batch / workers.count()} examples a pass.
   *
   * @param <D> the noise's distribution
   * @param model the model to train
   * @param workers the workers
   * @return the builder
   * @throws IllegalArgumentException when the workers do not split {@code batch} evenly, naming
   *     the nearest batches that they do
   */
  public <D extends Distribution<D>> TrainingLoop.Builder<D> loop(Model<D> model, Workers workers) {
    int count = workers.count();
    if (batch % count != 0) {
      int below = batch / count * count;
      throw new IllegalArgumentException(String.format(
          "train.batch: %d examples do not split evenly among %d workers; the nearest batches that do are %s",
          batch, count, below == 0 ? String.valueOf(count) : below + " and " + (below + count)));
    }
    return loop(model).batchSize(batch / count).workers(workers);
  }

  /**
   * The examples of an optimizer step: {@code batch} times {@code accumulate}.
   *
   * @return the number of examples
   */
  public long examplesPerStep() {
    return (long) batch * accumulate;
  }

  /**
   * This section with batches of {@code batch} examples, as many accumulated into an optimizer
   * step as make its {@linkplain #examplesPerStep examples} the same, so that the steps of an
   * epoch, the learning rate of each and the examples each takes stay those of the run: how a
   * run goes on with a batch that fits a smaller memory (or a larger one).
   *
   * @param batch the examples of a batch, ≥ 1
   * @return the new section
   * @throws IllegalArgumentException when {@code batch} does not divide the examples of a step
   */
  public Training withBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("a batch must hold at least 1 example, got " + batch);
    }
    long examples = examplesPerStep();
    if (examples % batch != 0) {
      throw new IllegalArgumentException(String.format(
          "a batch of %d %s the %,d examples of an optimizer step (train.batch %d × train.accumulate %d); %s",
          batch, batch > examples ? "is more than" : "does not divide", examples, this.batch, accumulate,
          nearestDivisors(examples, batch)));
    }
    long batches = examples / batch;
    if (batches > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(String.format(
          "batches of %d would make %,d accumulated batches an optimizer step, more than %,d",
          batch, batches, Integer.MAX_VALUE));
    }
    return new Training(epochs, batch, lr, seed, device, divergence, warmup, decay, floor, weightDecay, clip,
        (int) batches, ema, timeout);
  }

  /**
   * The divisors of {@code examples} nearest to {@code batch}, which does not divide it: the
   * largest below, and the smallest above up to twice {@code batch}, in words.
   */
  private static String nearestDivisors(long examples, int batch) {
    long below = Math.min(batch, examples);
    while (examples % below != 0) {
      below--;
    }
    long above = batch + 1L;
    while (above <= Math.min(examples, 2L * batch) && examples % above != 0) {
      above++;
    }
    return above <= Math.min(examples, 2L * batch)
        ? "the nearest that do are " + below + " and " + above
        : "the nearest that does is " + below;
  }

  /**
   * The learning rate of every optimizer step of the run, for a data set of {@code examples}.
   *
   * @param examples the number of examples in the data set
   * @return the schedule
   */
  public LearningRateSchedule schedule(int examples) {
    long steps = (long) epochs * optimizerSteps(examples);
    return new LearningRateSchedule(lr, warmup, decay, Math.max(steps, warmup), floor);
  }

  /**
   * The optimizer steps of an epoch over {@code examples}: batches, then groups of accumulated ones.
   *
   * @param examples the number of examples in the data set
   * @return the number of steps
   */
  public long optimizerSteps(int examples) {
    long batches = (examples + (long) batch - 1) / batch;
    return (batches + accumulate - 1) / accumulate;
  }

  /** The parameter's value, or its default, checked against its range. */
  private static ConfigNode value(ConfigNode section, ParameterDescriptor parameter) {
    ConfigNode value = parameter.required()
        ? section.get(parameter.name())
        : section.get(parameter.name(), parameter.defaultValue());
    return parameter.range().isEmpty() ? value : value.inRange(parameter.min(), parameter.max());
  }

  /** A factor of at least 1, or {@code .inf} for no bound. */
  private static double divergence(ConfigNode node) {
    double factor = node.asDouble();
    if (!(factor >= 1)) {
      throw new ConfigException(node.path(), "expected a factor of at least 1, or .inf for no bound, got " + node.text());
    }
    return factor;
  }
}
