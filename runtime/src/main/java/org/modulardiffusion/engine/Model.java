package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Data;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.base.Net;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Sample;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.SamplerNeeding;
import org.modulardiffusion.base.Schedule;
import org.modulardiffusion.base.Time;
import org.modulardiffusion.base.ZeroTerminalSnr;
import org.modulardiffusion.device.Devices;
import org.modulardiffusion.device.EngineFailure;
import org.modulardiffusion.nn.NoGradients;
import org.modulardiffusion.progress.SamplingProgress;

/**
 * A diffusion model: one module of each kind and their parameters on a device, with the moving
 * average of the weights when it keeps one. A {@link org.modulardiffusion.train.TrainingLoop}
 * trains it on its data set; it samples trajectories ({@link #sample}) and saves and loads its
 * trainable parameters ({@link #save}, {@link #load}).
 *
 * <p>What the training loop takes of it — the loss of a step's examples ({@link #trainingLoss}),
 * the arrays the optimizer updates ({@link #trainable}), the moving average and the counters —
 * and what a {@link org.modulardiffusion.checkpoint.Checkpoint} saves and restores ({@link
 * #savedParameters}, {@link #restoreAverages}, {@link #restoreCounters}) are public because those
 * live in packages of their own; a model is trained through a loop, not through them.
 *
 * <p>Every training and sampling step runs in its own memory scope: nothing a step creates
 * outlives it unless the step returns it, so memory stays flat over any number of steps.
 *
 * @param <D> the distribution of the noise, which the loss and sampler must accept
 */
public final class Model<D extends Distribution<D>> implements AutoCloseable {
  private static final String NET_PREFIX = "net.";
  private static final String DATA_PREFIX = "data.";
  /** The optimizer's key for the buffer of the net's parameters. */
  private static final String NET_BUFFER = "net";

  private final Data data;
  private final Schedule schedule;
  private final Noise<D> noise;
  private final Net net;
  private final Loss<D> loss;
  private final Guidance guidance;
  private final Time time;
  private final Sampler<D> sampler;
  private final Dataset dataset;
  private final NDManager manager;
  private final ParameterStore parameterStore;
  private final Shape exampleShape;
  private final Shape dataShape;
  /** The net's trainable parameters, in one buffer that the optimizer updates as a whole. */
  private final ParameterBuffer netParameters;
  /** The moving averages of the trainable arrays, by the optimizer's keys; empty without averaging. */
  private final Map<String, ExponentialMovingAverage> averages = new LinkedHashMap<>();
  /** The arrays the optimizer updates, by its keys: the net's buffer, then the data transform's. */
  private final Map<String, NDArray> trainable = new LinkedHashMap<>();
  /** The memory of the activations of one training example, measured on the first examples. */
  private double activationBytes;
  private int epoch;
  private long step;

  private Model(Builder<D> builder) {
    // Loads DJL's engine, which the switch of gradients below needs, when nothing has yet.
    Engine.getInstance().setRandomSeed(builder.seed != null ? builder.seed : new Random().nextInt());
    try (NoGradients off = new NoGradients()) {
      this.data = builder.data;
      this.schedule = builder.schedule;
      this.noise = builder.noise;
      this.net = builder.net;
      this.loss = builder.loss;
      this.guidance = builder.guidance;
      this.time = builder.time;
      this.sampler = builder.sampler;
      this.dataset = builder.dataset;
      this.manager = NDManager.newBaseManager(builder.device != null ? builder.device : Devices.select("auto"));
      this.parameterStore = new ParameterStore(manager, false);
      try {
        try {
          noise.schedule(schedule.compute(manager));
        } catch (EngineException e) {
          throw refused("noise", noise + " cannot compute its tables for " + schedule.steps() + " steps", e);
        }
        try {
          data.initialize(manager);
        } catch (EngineException e) {
          throw refused("data", data + " cannot create its parameters", e);
        }
        Shape[] shapes = initializeNet(builder.netSettings);
        this.exampleShape = shapes[0];
        this.dataShape = shapes[1];
        this.netParameters =
            new ParameterBuffer(
                manager, net.getParameters().values().stream().filter(Parameter::requiresGradient).toList());
        if (!netParameters.parameters().isEmpty()) {
          trainable.put(NET_BUFFER, netParameters.values());
        }
        // The data transform reads its own parameters directly: they stay arrays of their own.
        data.parameters().stream()
            .filter(Parameter::requiresGradient)
            .forEach(p -> trainable.put(DATA_PREFIX + p.getName(), p.getArray()));
        if (builder.averageDecay > 0) {
          trainable.forEach((key, array) -> averages.put(key, new ExponentialMovingAverage(array, builder.averageDecay)));
        }
      } catch (RuntimeException e) {
        manager.close();
        throw e;
      }
    }
  }

  /**
   * A module's failure in PyTorch while the model is built, in our words: out of memory, or
   * what the module could not do.
   */
  private static IllegalArgumentException refused(String slot, String what, EngineException e) {
    return new IllegalArgumentException(slot + ": " + what
        + (EngineFailure.outOfMemory(e) ? ": they need more memory than this machine has; make it smaller" : ""), e);
  }

  /**
   * A builder of a model whose noise produces distributions of type {@code D}.
   *
   * @param <D> the noise's distribution
   * @return a new builder
   */
  public static <D extends Distribution<D>> Builder<D> builder() {
    return new Builder<>();
  }

  /**
   * Initializes the net on the shapes of the first examples and checks, in one forward pass,
   * that its prediction has the shape the noise needs; {@code settings} name the value that makes
   * a net too large for the memory.
   *
   * @return the shape of one example as the data set gives it, and encoded
   */
  private Shape[] initializeNet(List<NetSetting> settings) {
    int[] first = range(0, Math.min(2, dataset.size()));
    Shape[] inputs;
    try (NDManager dry = manager.newSubManager(); NDScope scope = new NDScope()) {
      Dataset.Examples examples = dataset.get(dry, first);
      inputs = new Shape[] {data.encode(examples.w()).getShape(), examples.y().getShape(), examples.y().getShape()};
    } catch (EngineException e) {
      throw refused("data", data + " cannot encode the first examples", e);
    }
    // Outside any scope: the parameters created here live as long as the model.
    String owner = "net (" + net.getClass().getSimpleName() + ")";
    MemoryBudget.checkParameters(net, manager, inputs, owner, settings);
    net.initialize(manager, DataType.FLOAT32, inputs);
    try (NDManager dry = manager.newSubManager(); NDScope scope = new NDScope()) {
      Dataset.Examples examples = dataset.get(dry, first);
      NDArray x = data.encode(examples.w());
      NDArray t = dry.create(new long[first.length]).add(schedule.steps());
      NDArray hat;
      try {
        // A store of its own: a store keeps the arrays it first hands out, and these arrays are
        // replaced by views of the parameter buffer below.
        hat = net.forward(new ParameterStore(dry, false), x, examples.y(), t, false);
      } catch (EngineException e) {
        if (EngineFailure.outOfMemory(e)) {
          throw refused(owner, "its forward pass on " + first.length + " examples", e);
        }
        throw new IllegalArgumentException(
            "net " + net.getClass().getSimpleName() + " cannot process the first examples: data of shape "
                + x.getShape() + (dataset.classes() > 0 ? " with labels up to " + dataset.classes() : "")
                + "; check the net's channels, input size and number of labels against the data",
            e);
      }
      Shape expected = new Shape(noise.parameters()).addAll(x.getShape());
      if (!hat.getShape().equals(expected)) {
        throw new IllegalArgumentException(
            "net " + net.getClass().getSimpleName() + " predicts shape " + hat.getShape() + " for data of shape "
                + x.getShape() + ", but noise " + noise + " needs " + expected + " ([parameters, batch, ...data])");
      }
      activationBytes = MemoryBudget.activationBytes(dry) / (double) first.length;
      return new Shape[] {examples.w().getShape().slice(1), x.getShape().slice(1)};
    }
  }

  /** The bytes of the arrays a forward pass of the net holds per example, measured when it was built. */
  double activationBytesPerExample() {
    return activationBytes;
  }

  /**
   * Checks that a training batch of {@code batch} examples fits in the memory of the model's device.
   *
   * @param batch the number of examples in a training batch
   * @param advice the end of the error message, what the user may change
   * @throws IllegalArgumentException when it would not, ending with {@code advice}
   */
  public void checkActivations(int batch, String advice) {
    MemoryBudget.checkActivations(
        manager.getDevice(), activationBytes, Math.min(batch, dataset.size()), "net (" + name(net) + ")", advice);
  }

  /**
   * Runs one training step on the first {@code count} examples — encoding, noising, the net's
   * prediction, the loss and its gradients — without updating any parameter, and names the
   * module whose output the step cannot use.
   *
   * @param count the number of examples to check, at most the data set's size
   * @throws IllegalArgumentException naming the module at fault and what it returned
   */
  public void check(int count) {
    try (NoGradients off = new NoGradients()) {
      int[] first = range(0, Math.min(count, dataset.size()));
      try (NDManager step = manager.newSubManager();
          NDScope scope = new NDScope();
          GradientCollector collector = manager.getEngine().newGradientCollector()) {
        Dataset.Examples examples = dataset.get(step, first);
        Batch<D> batch = batch(examples.w(), examples.y(), netParameters.trainingStore(parameterStore));
        if (batch.x().getDataType() != DataType.FLOAT32) {
          throw new IllegalArgumentException("data " + name(data) + " encodes to " + batch.x().getDataType()
              + "; a data transform must encode to float32");
        }
        if (batch.hat().getDataType() != DataType.FLOAT32) {
          throw new IllegalArgumentException("net " + name(net) + " predicts " + batch.hat().getDataType()
              + "; a net must predict float32");
        }
        NDArray l = blame("loss", loss, () -> loss.compute(batch), "the batch of a training step");
        if (l.getDataType() != DataType.FLOAT32 || !l.getShape().isScalar()) {
          throw new IllegalArgumentException("loss " + name(loss) + " returns " + l.getDataType() + " of shape "
              + l.getShape() + "; a loss must return a float32 scalar, such as a mean");
        }
        blame("loss", loss, () -> {
          collector.backward(l);
          return l;
        }, "its gradients");
      }
      // The first training step must not add the check's gradients to its own.
      trainable.values().forEach(array -> JniUtils.zeroGrad((PtNDArray) array));
    }
  }

  /** A module's name in messages: its class's, or what it says of itself when it has none. */
  private static String name(Object module) {
    String name = module.getClass().getSimpleName();
    return name.isEmpty() ? module.toString() : name;
  }

  /**
   * The loss of the examples at rows {@code from} to {@code to} (exclusive) of {@code examples},
   * the examples of a whole optimizer step, recorded for gradients when a gradient collector is
   * open. The step's draws — labels dropped as the guidance says, time steps, noise — are made for
   * all its examples, then the rows are taken: so each example's draws depend on the engine's seed
   * and its row alone, not on which rows are asked for, and a step taken a part at a time (as
   * accumulated batches, or by several workers) draws what it draws taken whole, given the same
   * seed before each part.
   *
   * @param examples the examples of the whole step
   * @param from the first row
   * @param to the row after the last
   * @return the loss, a scalar
   */
  public NDArray trainingLoss(Dataset.Examples examples, int from, int to) {
    ParameterStore parameters = netParameters.trainingStore(parameterStore);
    Rows rows = new Rows(from, to, Math.toIntExact(examples.w().getShape().get(0)));
    return loss.compute(batch(examples.w(), guidance.dropLabels(examples.y()), parameters, rows));
  }

  /** Moves the moving average of the weights towards them, if the model keeps one. */
  public void updateAverages() {
    averages.forEach((key, average) -> average.update(trainable.get(key)));
  }

  /** Encodes, noises and denoises one batch: everything a loss needs. */
  private Batch<D> batch(NDArray w, NDArray y, ParameterStore parameters) {
    int size = Math.toIntExact(w.getShape().get(0));
    return batch(w, y, parameters, new Rows(0, size, size));
  }

  /**
   * Encodes and noises {@code w}, all of it, then denoises the {@code rows} taken of it: everything
   * a loss of those rows needs.
   */
  private Batch<D> batch(NDArray whole, NDArray wholeLabels, ParameterStore parameters, Rows rows) {
    NDArray wholeX = blame("data", data, () -> data.encode(whole), "examples of shape " + whole.getShape());
    NDArray wholeT = time.sample(whole.getManager(), schedule.steps(), Math.toIntExact(wholeX.getShape().get(0)));
    Sample noisy =
        blame("noise", noise, () -> noise.prior(wholeX, wholeT).sample(), "encoded data of shape " + wholeX.getShape());
    NDArray w = rows.of(whole);
    NDArray x = rows.of(wholeX);
    NDArray y = rows.of(wholeLabels);
    NDArray t = rows.of(wholeT);
    NDArray epsilon = noisy.noise() == null ? null : rows.of(noisy.noise());
    NDArray z = rows.of(noisy.value());
    NDArray hat = blame("net", net, () -> net.forward(parameters, z, y, t, true), "noisy data of shape " + z.getShape());
    return blame(
        "noise",
        noise,
        () -> new Batch<>(w, x, y, t, epsilon, z, hat, noise.posterior(x, z, t), noise.approximate(z, t, hat), noise),
        "the net's prediction of shape " + hat.getShape());
  }

  /** Rows {@code from} to {@code to} (exclusive) of a step's arrays, which have {@code size} rows. */
  private record Rows(int from, int to, int size) {
    /** The rows of {@code whole}: a view, or {@code whole} itself when they are all of it. */
    NDArray of(NDArray whole) {
      return from == 0 && to == size ? whole : whole.get(new NDIndex("{}:{}", from, to));
    }
  }

  /**
   * A module's part of a step; a failure of PyTorch in it, which only a module that does not fit
   * the others causes, is reported in our words, naming the slot, the module and its input. Running
   * out of memory is the step's failure, not the module's: it is passed on as it is.
   */
  private static <T> T blame(String slot, Object module, Supplier<T> part, String input) {
    try {
      return part.get();
    } catch (EngineException e) {
      if (EngineFailure.outOfMemory(e)) {
        throw e;
      }
      throw new IllegalArgumentException(
          slot + ": " + name(module) + " fails on " + input + "; check its sizes against the data's and the other"
              + " modules'", e);
    }
  }

  /**
   * Samples {@code batch} examples for each label and returns the whole trajectory.
   *
   * @param target where the trajectory lives
   * @param labels labels of the data set, or 0 for none
   * @param batch the number of examples for each label, ≥ 1
   * @return the decoded trajectory [positions, labels × batch, …], a position for every step
   * @see #sample(NDManager, long[], int, int)
   */
  public NDArray sample(NDManager target, long[] labels, int batch) {
    return sample(target, labels, batch, 1);
  }

  /**
   * Samples {@code batch} examples for each of {@code labels} (an empty array: unlabelled) and
   * returns the decoded trajectory [positions, labels × batch, …] on {@code target}: the
   * stationary noise first, the final samples last, and in between every {@code every}-th step.
   * With every = 1 and the ancestral sampler that is [T + 1, b, …].
   *
   * @param labels labels of the data set, 1 to its number of classes, or 0 for none
   * @param target where the trajectory lives
   * @param batch the number of examples for each label, ≥ 1
   * @param every the number of steps between two positions kept, ≥ 1
   * @return the decoded trajectory [positions, labels × batch, …]
   * @throws IllegalArgumentException when a label is not the data set's, batch or every is below
   *     1, or the run would not fit in the device's memory
   * @throws IllegalStateException when PyTorch fails in a step, out of memory say
   */
  public NDArray sample(NDManager target, long[] labels, int batch, int every) {
    return sample(target, labels, batch, every, sampler);
  }

  /**
   * Samples as {@link #sample(NDManager, long[], int, int)} does, with another sampler than the
   * model's: DDIM in 50 steps for a model trained with 1,000, say.
   *
   * @param target where the trajectory lives
   * @param labels labels of the data set, or 0 for none
   * @param batch the number of examples for each label, ≥ 1
   * @param every the number of steps between two positions kept, ≥ 1
   * @param sampler the sampler to use instead of the model's
   * @return the decoded trajectory [positions, labels × batch, …]
   */
  public NDArray sample(NDManager target, long[] labels, int batch, int every, Sampler<D> sampler) {
    return sample(target, labels, batch, every, sampler, guidance);
  }

  /**
   * Samples as {@link #sample(NDManager, long[], int, int, Sampler)} does, under another guidance
   * than the model's: {@link Guidance#none()} to measure what guidance adds, say.
   *
   * @param target where the trajectory lives
   * @param labels labels of the data set, or 0 for none
   * @param batch the number of examples for each label, ≥ 1
   * @param every the number of steps between two positions kept, ≥ 1
   * @param sampler the sampler to use instead of the model's
   * @param guidance the guidance to use instead of the model's
   * @return the decoded trajectory [positions, labels × batch, …]
   */
  public NDArray sample(
      NDManager target, long[] labels, int batch, int every, Sampler<D> sampler, Guidance guidance) {
    return sample(target, labels, batch, every, sampler, guidance, SamplingProgress.none());
  }

  /**
   * Samples as {@link #sample(NDManager, long[], int, int, Sampler, Guidance)} does, telling
   * {@code progress} of each step: a {@link org.modulardiffusion.progress.SamplingBar} for a long
   * run, say.
   *
   * @param target where the trajectory lives
   * @param labels labels of the data set, or 0 for none
   * @param batch the number of examples for each label, ≥ 1
   * @param every the number of steps between two positions kept, ≥ 1
   * @param sampler the sampler to use instead of the model's
   * @param guidance the guidance to use instead of the model's
   * @param progress what to tell of each step
   * @return the decoded trajectory [positions, labels × batch, …]
   */
  public NDArray sample(
      NDManager target,
      long[] labels,
      int batch,
      int every,
      Sampler<D> sampler,
      Guidance guidance,
      SamplingProgress progress) {
    return new SamplingLoop<>(this, sampler, guidance, progress).run(target, labels, batch, every);
  }

  /**
   * Samples examples {@code from} to {@code to} (exclusive) of {@code batch} examples of each of
   * {@code labels} as {@link #sample(NDManager, long[], int, int, Sampler, Guidance,
   * SamplingProgress)} does, each example's draws from {@code seed} and its index alone: an
   * example comes out the same whatever else is sampled with it, so that samples can be drawn in
   * any batches, or shared among workers. The sampler's and distributions' draws must go through
   * {@link Draws}, as the standard modules' do.
   *
   * @param target where the trajectory lives
   * @param labels labels of the data set, or 0 for none
   * @param batch the number of examples for each label, ≥ 1
   * @param from the index of the first example to sample, among labels × batch
   * @param to the index after the last
   * @param every the number of steps between two positions kept, ≥ 1
   * @param sampler the sampler to use
   * @param guidance the guidance to use
   * @param progress what to tell of each step
   * @param seed the seed of every example's draws
   * @return the decoded trajectory [positions, to − from, …] on {@code target}
   */
  public NDArray sample(
      NDManager target,
      long[] labels,
      int batch,
      long from,
      long to,
      int every,
      Sampler<D> sampler,
      Guidance guidance,
      SamplingProgress progress,
      long seed) {
    return new SamplingLoop<>(this, sampler, guidance, progress).run(target, labels, batch, from, to, every, seed);
  }


  /**
   * Saves the trainable parameters of the net and the data transform to {@code path}, through a
   * temporary file, so that a failure leaves any earlier file intact.
   *
   * @param path the file to write
   * @throws IOException when the file cannot be written
   */
  public void save(Path path) throws IOException {
    ParameterFile.write(path, savedParameters());
  }

  /**
   * Loads parameters saved by {@link #save} into this model, which must have the same
   * architecture; on a mismatch or a damaged file nothing is changed.
   *
   * @param path a file written by {@link #save}
   * @throws IOException naming the file and what does not fit
   */
  public void load(Path path) throws IOException {
    ParameterFile.read(path, savedParameters());
  }

  /**
   * Whether every trainable parameter is finite; one reduction on the device per array.
   *
   * @return whether no parameter holds NaN or ±∞
   */
  public boolean finite() {
    try (NDManager check = manager.newSubManager(); NDScope scope = new NDScope()) {
      for (NDArray array : trainable.values()) {
        if (array.isNaN().logicalOr(array.isInfinite()).any().getBoolean()) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The parameters a checkpoint keeps, by name: the net's, then the data transform's.
   *
   * @return the parameters, in a fixed order
   */
  public Map<String, Parameter> savedParameters() {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    net.getParameters().forEach(p -> parameters.put(NET_PREFIX + p.getKey(), p.getValue()));
    for (Parameter parameter : data.parameters()) {
      parameters.put(DATA_PREFIX + parameter.getName(), parameter);
    }
    return parameters;
  }

  /**
   * The arrays the optimizer updates, by its keys: the net's buffer, then the data transform's.
   *
   * @return the arrays, unmodifiable; the model owns them
   */
  public Map<String, NDArray> trainable() {
    return Collections.unmodifiableMap(trainable);
  }

  /**
   * Where each saved parameter lies among the arrays the optimizer updates, by name: its state's place.
   *
   * @return each saved parameter's slot, by its name
   */
  public Map<String, ParameterSlot> parameterSlots() {
    Map<Parameter, Integer> buffered = new HashMap<>();
    List<Parameter> inBuffer = netParameters.parameters();
    for (int i = 0; i < inBuffer.size(); i++) {
      buffered.put(inBuffer.get(i), i);
    }
    long total = netParameters.values().size();
    Map<String, ParameterSlot> slots = new LinkedHashMap<>();
    savedParameters()
        .forEach(
            (name, parameter) -> {
              Integer index = buffered.get(parameter);
              long size = parameter.getArray().size();
              slots.put(
                  name,
                  index != null
                      ? new ParameterSlot(NET_BUFFER, netParameters.offset(index), size, total)
                      : ParameterSlot.whole(name, size));
            });
    return slots;
  }

  /**
   * Whether the model keeps a moving average of its weights.
   *
   * @return whether {@link #averagedWeights()} may be called
   */
  public boolean hasAveragedWeights() {
    return !averages.isEmpty();
  }

  /**
   * Puts the moving average of the weights in their place until the returned handle is closed,
   * which puts the trained weights back: sample inside it to sample from the average.
   *
   * @return the handle that puts the trained weights back when closed
   * @throws IllegalStateException when the model keeps no average
   */
  public AveragedWeights averagedWeights() {
    if (averages.isEmpty()) {
      throw new IllegalStateException("the model keeps no moving average of its weights; set train.ema");
    }
    Map<String, NDArray> saved = new LinkedHashMap<>();
    try (NoGradients off = new NoGradients()) {
      trainable.forEach((key, array) -> {
        saved.put(key, array.duplicate());
        array.set(new NDIndex("..."), averages.get(key).average());
      });
    }
    return () -> {
      try (NoGradients off = new NoGradients()) {
        trainable.forEach((key, array) -> array.set(new NDIndex("..."), saved.get(key)));
      }
      saved.values().forEach(NDArray::close);
    };
  }

  /**
   * The number of updates of the moving average of the weights; 0 without one.
   *
   * @return the number of updates, ≥ 0
   */
  public long averageUpdates() {
    return averages.values().stream().mapToLong(ExponentialMovingAverage::updates).max().orElse(0);
  }

  /**
   * Sets the moving average of the weights to {@code values}, read for the saved parameters in
   * their order, after {@code updates} updates.
   *
   * @param values the average's values, one array per saved parameter
   * @param updates the number of updates they come after, ≥ 0
   */
  public void restoreAverages(List<float[]> values, long updates) {
    try (AveragedWeights averaged = averagedWeights()) {
      ParameterFile.apply(values, savedParameters());
      trainable.forEach((key, array) -> averages.get(key).restore(array, updates));
    }
  }

  /** The moving average of the weights in their place, until closed. */
  public interface AveragedWeights extends AutoCloseable {
    /** Puts the trained weights back. */
    @Override
    void close();
  }

  /**
   * The number of epochs trained so far.
   *
   * @return the number of epochs, ≥ 0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The number of optimization steps taken so far.
   *
   * @return the number of steps, ≥ 0
   */
  public long step() {
    return step;
  }

  /** Counts an optimizer step taken. */
  public void countStep() {
    step++;
  }

  /** Counts an epoch trained. */
  public void countEpoch() {
    epoch++;
  }

  /**
   * Sets the counters of a model restored from a checkpoint.
   *
   * @param epoch the number of epochs trained, ≥ 0
   * @param step the number of optimization steps taken, ≥ 0
   */
  public void restoreCounters(int epoch, long step) {
    this.epoch = epoch;
    this.step = step;
  }

  /** The data transform. */
  Data data() {
    return data;
  }

  /** The net's parameters, for its forward passes. */
  ParameterStore parameterStore() {
    return parameterStore;
  }

  /**
   * The manager that owns the model's parameters and tables; closed with the model.
   *
   * @return the manager, which the model owns
   */
  public NDManager manager() {
    return manager;
  }

  /**
   * The device the model runs on.
   *
   * @return the device
   */
  public Device device() {
    return manager.getDevice();
  }

  /**
   * The shape of one example as the data set gives it (and sampling returns it), without the batch axis.
   *
   * @return the shape of one example
   */
  public Shape exampleShape() {
    return exampleShape;
  }

  /**
   * The shape of one encoded example, without the batch axis.
   *
   * @return the shape of one encoded example
   */
  public Shape dataShape() {
    return dataShape;
  }

  /**
   * The loss.
   *
   * @return the loss
   */
  public Loss<D> loss() {
    return loss;
  }

  /**
   * The training data.
   *
   * @return the data set
   */
  public Dataset dataset() {
    return dataset;
  }

  /**
   * The sampler.
   *
   * @return the sampler
   */
  public Sampler<D> sampler() {
    return sampler;
  }

  /**
   * The guidance.
   *
   * @return the guidance
   */
  public Guidance guidance() {
    return guidance;
  }

  /**
   * A SHA-256 of the values of the trainable weights, in their order, in hexadecimal: equal for
   * models with the same weights, as the workers of a job must start with.
   *
   * @return 64 hexadecimal digits
   */
  public String weightsDigest() {
    MessageDigest digest = Sha256.create();
    for (NDArray array : trainable.values()) {
      digest.update(array.toByteArray());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The number of trainable values of the net and the data transform.
   *
   * @return the number of values
   */
  public long parameterCount() {
    return trainable.values().stream().mapToLong(NDArray::size).sum();
  }

  /**
   * The net.
   *
   * @return the net
   */
  public Net net() {
    return net;
  }

  /**
   * The noise, scheduled.
   *
   * @return the noise
   */
  public Noise<D> noise() {
    return noise;
  }

  /**
   * The number of diffusion steps T.
   *
   * @return T
   */
  public int steps() {
    return schedule.steps();
  }

  @Override
  public void close() {
    manager.close();
  }

  /** The numbers from {@code from} to {@code to} (exclusive): the indices of examples. */
  static int[] range(int from, int to) {
    int[] range = new int[to - from];
    Arrays.setAll(range, i -> from + i);
    return range;
  }

  /**
   * Assembles a {@link Model}. The noise fixes {@code D}; javac then accepts only a loss and a
   * sampler that can handle {@code D}.
   *
   * @param <D> the distribution of the noise
   */
  public static final class Builder<D extends Distribution<D>> {
    private Data data;
    private Schedule schedule;
    private Noise<D> noise;
    private Net net;
    private Loss<D> loss;
    private Guidance guidance = Guidance.none();
    private Time time;
    private Sampler<D> sampler;
    private Dataset dataset;
    private List<NetSetting> netSettings = List.of();
    private double averageDecay;
    /** Null until set: the default asks DJL's engine for its GPUs, which loads it, only when the model is built. */
    private Device device;
    private Integer seed;

    private Builder() {}

    /**
     * The data transform between the data set and the diffusion space.
     *
     * @param data the data transform
     * @return this builder
     */
    public Builder<D> data(Data data) {
      this.data = data;
      return this;
    }

    /**
     * The noise schedule.
     *
     * @param schedule the schedule
     * @return this builder
     */
    public Builder<D> schedule(Schedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /**
     * The noise type.
     *
     * @param noise the noise
     * @return this builder
     */
    public Builder<D> noise(Noise<D> noise) {
      this.noise = noise;
      return this;
    }

    /**
     * The denoising network.
     *
     * @param net the net
     * @return this builder
     */
    public Builder<D> net(Net net) {
      this.net = net;
      return this;
    }

    /**
     * The values the net was built with, each with a way to build it with that value at its
     * default: when the net's parameters would not fit in memory, the error names the value that
     * makes the difference. None by default.
     *
     * @param settings the values, copied
     * @return this builder
     */
    public Builder<D> netSettings(List<NetSetting> settings) {
      this.netSettings = List.copyOf(settings);
      return this;
    }

    /**
     * The loss; it must be able to train the noise's distribution.
     *
     * @param loss the loss
     * @return this builder
     */
    public Builder<D> loss(Loss<D> loss) {
      this.loss = loss;
      return this;
    }

    /**
     * The guidance; by default none.
     *
     * @param guidance the guidance
     * @return this builder
     */
    public Builder<D> guidance(Guidance guidance) {
      this.guidance = guidance;
      return this;
    }

    /**
     * How training time steps are drawn.
     *
     * @param time the time sampler
     * @return this builder
     */
    public Builder<D> time(Time time) {
      this.time = time;
      return this;
    }

    /**
     * The sampler; it must be able to walk the noise's distribution.
     *
     * @param sampler the sampler
     * @return this builder
     */
    public Builder<D> sampler(Sampler<D> sampler) {
      this.sampler = sampler;
      return this;
    }

    /**
     * The training data.
     *
     * @param dataset the data set
     * @return this builder
     */
    public Builder<D> dataset(Dataset dataset) {
      this.dataset = dataset;
      return this;
    }

    /**
     * Keeps a moving average of the weights with this decay (0.9999, say), which
     * {@link #averagedWeights()} puts in place for sampling; 0, none, by default.
     *
     * @param decay the decay, in [0, 1); 0 for no average
     * @return this builder
     */
    public Builder<D> averageWeights(double decay) {
      if (!(decay >= 0 && decay < 1)) {
        throw new IllegalArgumentException("the decay of the moving average must lie in [0, 1), got " + decay);
      }
      this.averageDecay = decay;
      return this;
    }

    /**
     * The device; by default a GPU when DJL sees one, else the CPU.
     *
     * @param device the device
     * @return this builder
     */
    public Builder<D> device(Device device) {
      this.device = device;
      return this;
    }

    /**
     * Seeds the initialization of the parameters for a reproducible run (a {@link org.modulardiffusion.train.TrainingLoop}
     * seeds the draws of training); by default a seed is drawn at random.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder<D> seed(int seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Builds the model: computes the schedule, creates the parameters and checks in one
     * forward pass that the net predicts what the noise needs.
     *
     * @return the model, which the caller closes
     * @throws IllegalStateException when a module is missing
     * @throws IllegalArgumentException when the modules do not fit together
     */
    public Model<D> build() {
      require(data, "data");
      require(schedule, "schedule");
      require(noise, "noise");
      require(net, "net");
      require(loss, "loss");
      require(time, "time");
      require(sampler, "sampler");
      require(dataset, "dataset");
      if (dataset.size() == 0) {
        throw new IllegalArgumentException("the data set is empty");
      }
      // javac checks the sampler's distribution; what it needs of the noise beyond that is checked here.
      SamplerNeeding.misfit(sampler.getClass(), noise.getClass()).ifPresent(message -> {
        throw new IllegalArgumentException(message);
      });
      ZeroTerminalSnr.misfit(schedule, noise).ifPresent(message -> {
        throw new IllegalArgumentException(message);
      });
      loss.misfit(noise).ifPresent(message -> {
        throw new IllegalArgumentException(message);
      });
      return new Model<>(this);
    }

    private static void require(Object module, String slot) {
      if (module == null) {
        throw new IllegalStateException("model: no " + slot + " given; call " + slot + "(...) on the builder");
      }
    }
  }

  @Override
  public String toString() {
    return "Model[" + Objects.toString(noise) + ", " + schedule + ", " + net.getClass().getSimpleName() + "]";
  }
}
