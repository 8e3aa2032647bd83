package org.modulardiffusion.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Data;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.base.Net;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Sample;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Schedule;
import org.modulardiffusion.base.Time;
import org.modulardiffusion.nn.Scalars;

/**
 * A diffusion model: one module of each kind, an optimizer and a device. It trains on its data
 * set ({@link #train}), samples trajectories ({@link #sample}) and saves and loads its trainable
 * parameters ({@link #save}, {@link #load}).
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
  private final int batchSize;
  /** Batches whose gradients add up to one optimizer step. */
  private final int accumulate;
  private final Adam optimizer;
  /** The largest global norm of the gradient; 0 for no clipping. */
  private final double clip;
  private final NDManager manager;
  private final ParameterStore parameterStore;
  /** Shuffles the data set; reseeded at the start of every epoch. */
  private final Random random = new Random();
  private final int seed;
  private final Progress progress;
  private final double divergence;
  private final Shape exampleShape;
  private final Shape dataShape;
  /** The net's trainable parameters, in one buffer that the optimizer updates as a whole. */
  private final ParameterBuffer netParameters;
  /** The moving averages of the trainable arrays, by the optimizer's keys; empty without averaging. */
  private final Map<String, ExponentialMovingAverage> averages = new LinkedHashMap<>();
  /** The arrays the optimizer updates, by its keys: the net's buffer, then the data transform's. */
  private final Map<String, NDArray> trainable = new LinkedHashMap<>();
  /** The global norm of the last step's gradient before clipping, on the device; null before a clipped step. */
  private NDArray gradientNorm;
  private int epoch;
  private long step;

  private Model(Builder<D> builder) {
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
      this.batchSize = builder.batchSize;
      this.accumulate = builder.accumulate;
      this.optimizer = new Adam(builder.learningRate, builder.weightDecay);
      this.clip = builder.clip;
      this.progress = builder.progress;
      this.divergence = builder.divergence;
      this.seed = builder.seed != null ? builder.seed : new Random().nextInt();
      Engine.getInstance().setRandomSeed(seed);
      random.setSeed(seed);
      this.manager = NDManager.newBaseManager(builder.device);
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
        Shape[] shapes = initializeNet();
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
    String message = String.valueOf(e.getMessage());
    return new IllegalArgumentException(slot + ": " + what
        + (message.contains("allocate") ? ": they need more memory than this machine has; make it smaller" : ""), e);
  }

  /** A builder of a model whose noise produces distributions of type {@code D}. */
  public static <D extends Distribution<D>> Builder<D> builder() {
    return new Builder<>();
  }

  /**
   * Initializes the net on the shapes of the first examples and checks, in one forward pass,
   * that its prediction has the shape the noise needs.
   *
   * @return the shape of one example as the data set gives it, and encoded
   */
  private Shape[] initializeNet() {
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
    MemoryBudget.checkParameters(net, manager, inputs, owner);
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
        if (String.valueOf(e.getMessage()).contains("allocate")) {
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
      MemoryBudget.checkActivations(dry, first.length, Math.min(batchSize, dataset.size()), owner);
      return new Shape[] {examples.w().getShape().slice(1), x.getShape().slice(1)};
    }
  }

  /**
   * Runs one training step on the first batch — encoding, noising, the net's prediction, the
   * loss and its gradients — without updating any parameter, as {@code diffusion validate} does
   * before any training, and names the module whose output the step cannot use.
   *
   * @throws IllegalArgumentException naming the module at fault and what it returned
   */
  public void check() {
    try (NoGradients off = new NoGradients()) {
      int[] first = range(0, Math.min(batchSize, dataset.size()));
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
   * Trains for {@code epochs} more passes over the data set. Epochs are counted over the model's
   * life, so a model restored from a checkpoint continues its numbering.
   *
   * @return the mean loss of each epoch
   * @throws IllegalStateException when the run diverges: a loss that is NaN or infinite or too
   *     large for the builder's divergence factor, or parameters no longer finite after an epoch
   */
  public List<Float> train(int epochs) {
    try (NoGradients off = new NoGradients()) {
      List<Float> means = new ArrayList<>();
      int perStep = batchSize * accumulate;
      int steps = (dataset.size() + perStep - 1) / perStep;
      Divergence check = new Divergence(divergence);
      for (int e = 0; e < epochs; e++) {
        epoch++;
        seedEpoch();
        int[] order = permutation(dataset.size());
        double sum = 0;
        for (int s = 0; s < steps; s++) {
          int[] indices = Arrays.copyOfRange(order, s * perStep, Math.min(order.length, (s + 1) * perStep));
          float value = trainStep(indices);
          check.check(epoch, s + 1, value);
          step++;
          sum += value;
          progress.step(epoch, s + 1, steps, value, optimizer.learningRate());
        }
        float mean = (float) (sum / steps);
        if (!finite()) {
          throw new IllegalStateException(
              "training diverged in epoch " + epoch + ": the parameters hold NaN or infinite values after its last"
                  + " update; try a lower learning rate");
        }
        progress.epoch(epoch, mean);
        means.add(mean);
      }
      return means;
    }
  }

  /**
   * Takes {@code steps} optimization steps on random batches, outside the epoch count: for
   * benchmarks and warm-ups.
   *
   * @return the mean loss
   */
  public float trainSteps(int steps) {
    try (NoGradients off = new NoGradients()) {
      double sum = 0;
      for (int s = 0; s < steps; s++) {
        int[] indices = Arrays.copyOf(permutation(dataset.size()), Math.min(batchSize * accumulate, dataset.size()));
        sum += trainStep(indices);
        step++;
      }
      return (float) (sum / steps);
    }
  }

  /**
   * Runs one optimization step on the examples at {@code indices}, a batch at a time, and returns
   * their mean loss: the gradients of the batches add up, each weighted by its share of the
   * examples, to the gradient of the whole; then the gradient is clipped, the optimizer steps and
   * the moving averages follow.
   */
  private float trainStep(int[] indices) {
    double value = 0;
    try (NDManager step = manager.newSubManager()) {
      for (int from = 0; from < indices.length; from += batchSize) {
        int[] part = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize));
        double share = (double) part.length / indices.length;
        try (NDScope scope = new NDScope();
            GradientCollector collector = manager.getEngine().newGradientCollector()) {
          Dataset.Examples examples = dataset.get(step, part);
          ParameterStore parameters = netParameters.trainingStore(parameterStore);
          NDArray l = loss.compute(batch(examples.w(), guidance.dropLabels(examples.y()), parameters));
          collector.backward(share == 1 ? l : Scalars.times(l, share));
          value += share * l.getFloat();
        }
      }
      // Outside the scopes: the optimizer and the averages create their state on the first step and keep it.
      if (clip > 0) {
        clipGradients(trainable.values());
      }
      trainable.forEach(optimizer::step);
      averages.forEach((key, average) -> average.update(trainable.get(key)));
    }
    return (float) value;
  }

  /**
   * Scales the gradients of {@code arrays} so that their global norm is at most {@link #clip},
   * and keeps the norm on the device: reading it here would wait for the device in every step.
   */
  private void clipGradients(Collection<NDArray> arrays) {
    try (NDScope scope = new NDScope()) {
      NDList gradients = new NDList();
      arrays.forEach(array -> gradients.add(array.getGradient()));
      NDArray norm = GlobalNorm.clip(gradients, clip);
      NDScope.unregister(norm);
      norm.attach(manager);
      if (gradientNorm != null) {
        gradientNorm.close();
      }
      gradientNorm = norm;
    }
  }

  /** Encodes, noises and denoises one batch: everything a loss needs. */
  private Batch<D> batch(NDArray w, NDArray y, ParameterStore parameters) {
    NDArray x = blame("data", data, () -> data.encode(w), "examples of shape " + w.getShape());
    NDArray t = time.sample(w.getManager(), schedule.steps(), Math.toIntExact(x.getShape().get(0)));
    Sample noisy = blame("noise", noise, () -> noise.prior(x, t).sample(), "encoded data of shape " + x.getShape());
    NDArray z = noisy.value();
    NDArray hat = blame("net", net, () -> net.forward(parameters, z, y, t, true), "noisy data of shape " + z.getShape());
    return blame(
        "noise",
        noise,
        () -> new Batch<>(w, x, y, t, noisy.noise(), z, hat, noise.posterior(x, z, t), noise.approximate(z, t, hat)),
        "the net's prediction of shape " + hat.getShape());
  }

  /**
   * A module's part of a step; a failure of PyTorch in it, which only a module that does not fit
   * the others causes, is reported in our words, naming the slot, the module and its input.
   */
  private static <T> T blame(String slot, Object module, Supplier<T> part, String input) {
    try {
      return part.get();
    } catch (EngineException e) {
      throw new IllegalArgumentException(
          slot + ": " + name(module) + " fails on " + input + "; check its sizes against the data's and the other"
              + " modules'", e);
    }
  }

  /**
   * Samples {@code batch} examples for each label and returns the whole trajectory.
   *
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
   */
  public NDArray sample(NDManager target, long[] labels, int batch, int every) {
    return sample(target, labels, batch, every, sampler);
  }

  /**
   * Samples as {@link #sample(NDManager, long[], int, int)} does, with another sampler than the
   * model's: DDIM in 50 steps for a model trained with 1,000, say.
   */
  public NDArray sample(NDManager target, long[] labels, int batch, int every, Sampler<D> sampler) {
    return sample(target, labels, batch, every, sampler, guidance);
  }

  /**
   * Samples as {@link #sample(NDManager, long[], int, int, Sampler)} does, under another guidance
   * than the model's: {@link Guidance#none()} to measure what guidance adds, say.
   */
  public NDArray sample(
      NDManager target, long[] labels, int batch, int every, Sampler<D> sampler, Guidance guidance) {
    return new SamplingLoop<>(this, sampler, guidance).run(target, labels, batch, every);
  }

  /**
   * Saves the trainable parameters of the net and the data transform to {@code path}, through a
   * temporary file, so that a failure leaves any earlier file intact.
   */
  public void save(Path path) throws IOException {
    ParameterFile.write(path, savedParameters());
  }

  /**
   * Loads parameters saved by {@link #save} into this model, which must have the same
   * architecture; on a mismatch or a damaged file nothing is changed.
   */
  public void load(Path path) throws IOException {
    ParameterFile.read(path, savedParameters());
  }

  /** Whether every trainable parameter is finite; one reduction on the device per array. */
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

  /** The parameters a checkpoint keeps, by name: the net's, then the data transform's. */
  Map<String, Parameter> savedParameters() {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    net.getParameters().forEach(p -> parameters.put(NET_PREFIX + p.getKey(), p.getValue()));
    for (Parameter parameter : data.parameters()) {
      parameters.put(DATA_PREFIX + parameter.getName(), parameter);
    }
    return parameters;
  }

  /** Writes the optimizer's state for the saved parameters, in their order. */
  void saveOptimizer(DataOutputStream out) throws IOException {
    optimizer.save(out, optimizerSlots());
  }

  /** Reads optimizer state written by {@link #saveOptimizer} without applying it. */
  Adam.State readOptimizer(DataInputStream in) throws IOException {
    return Adam.read(in, optimizerSlots());
  }

  /** Replaces the optimizer's state with {@code state}. */
  void restoreOptimizer(Adam.State state) {
    optimizer.restore(state, trainable);
  }

  /** Where the optimizer keeps the state of each saved parameter. */
  private Map<String, Adam.Slot> optimizerSlots() {
    Map<Parameter, Integer> buffered = new HashMap<>();
    List<Parameter> inBuffer = netParameters.parameters();
    for (int i = 0; i < inBuffer.size(); i++) {
      buffered.put(inBuffer.get(i), i);
    }
    long total = netParameters.values().size();
    Map<String, Adam.Slot> slots = new LinkedHashMap<>();
    savedParameters()
        .forEach(
            (name, parameter) -> {
              Integer index = buffered.get(parameter);
              long size = parameter.getArray().size();
              slots.put(
                  name,
                  index != null
                      ? new Adam.Slot(NET_BUFFER, netParameters.offset(index), size, total)
                      : Adam.Slot.whole(name, size));
            });
    return slots;
  }

  /** The learning rate of the last optimizer step, or of the first before any. */
  public double learningRate() {
    return optimizer.learningRate();
  }

  /** The global norm of the last step's gradient before clipping; NaN without clipping. */
  public double gradientNorm() {
    return gradientNorm == null ? Double.NaN : gradientNorm.getFloat();
  }

  /** Whether the model keeps a moving average of its weights. */
  public boolean hasAveragedWeights() {
    return !averages.isEmpty();
  }

  /**
   * Puts the moving average of the weights in their place until the returned handle is closed,
   * which puts the trained weights back: sample inside it to sample from the average.
   *
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

  /** The number of updates of the moving average of the weights; 0 without one. */
  long averageUpdates() {
    return averages.values().stream().mapToLong(ExponentialMovingAverage::updates).max().orElse(0);
  }

  /**
   * Sets the moving average of the weights to {@code values}, read for the saved parameters in
   * their order, after {@code updates} updates.
   */
  void restoreAverages(List<float[]> values, long updates) {
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

  /** The number of epochs trained so far. */
  public int epoch() {
    return epoch;
  }

  /** The number of optimization steps taken so far. */
  public long step() {
    return step;
  }

  /** Sets the counters of a model restored from a checkpoint. */
  void restoreCounters(int epoch, long step) {
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

  /** The manager that owns the model's parameters and tables; closed with the model. */
  public NDManager manager() {
    return manager;
  }

  /** The device the model runs on. */
  public Device device() {
    return manager.getDevice();
  }

  /** The shape of one example as the data set gives it (and sampling returns it), without the batch axis. */
  public Shape exampleShape() {
    return exampleShape;
  }

  /** The shape of one encoded example, without the batch axis. */
  public Shape dataShape() {
    return dataShape;
  }

  /** The loss. */
  public Loss<D> loss() {
    return loss;
  }

  /** The training data. */
  public Dataset dataset() {
    return dataset;
  }

  /** Examples per training step. */
  public int batchSize() {
    return batchSize;
  }

  /** The sampler. */
  public Sampler<D> sampler() {
    return sampler;
  }

  /** The guidance. */
  public Guidance guidance() {
    return guidance;
  }

  /** The number of trainable values of the net and the data transform. */
  public long parameterCount() {
    return trainable.values().stream().mapToLong(NDArray::size).sum();
  }

  /** The net. */
  public Net net() {
    return net;
  }

  /** The noise, scheduled. */
  public Noise<D> noise() {
    return noise;
  }

  /** The number of diffusion steps T. */
  public int steps() {
    return schedule.steps();
  }

  @Override
  public void close() {
    manager.close();
  }

  /**
   * Seeds shuffling and the engine's draws (time steps, noise, label dropout) for the epoch
   * about to start from the run's seed and the epoch's number alone, so that a run resumed from
   * the checkpoint of an epoch draws what the uninterrupted run drew after it.
   */
  private void seedEpoch() {
    long mixed = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
    random.setSeed(mixed);
    Engine.getInstance().setRandomSeed((int) (mixed >>> 32));
  }

  private int[] permutation(int n) {
    int[] order = range(0, n);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static int[] range(int from, int to) {
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
    private int batchSize = 64;
    private int accumulate = 1;
    private LearningRateSchedule learningRate = LearningRateSchedule.constant(1e-4);
    private double weightDecay;
    private double clip;
    private double averageDecay;
    private Device device = Devices.select("auto");
    private Integer seed;
    private Progress progress = ProgressBar.console(0);
    private double divergence = Divergence.DEFAULT_FACTOR;

    private Builder() {}

    /** The data transform between the data set and the diffusion space. */
    public Builder<D> data(Data data) {
      this.data = data;
      return this;
    }

    /** The noise schedule. */
    public Builder<D> schedule(Schedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** The noise type. */
    public Builder<D> noise(Noise<D> noise) {
      this.noise = noise;
      return this;
    }

    /** The denoising network. */
    public Builder<D> net(Net net) {
      this.net = net;
      return this;
    }

    /** The loss; it must be able to train the noise's distribution. */
    public Builder<D> loss(Loss<D> loss) {
      this.loss = loss;
      return this;
    }

    /** The guidance; by default none. */
    public Builder<D> guidance(Guidance guidance) {
      this.guidance = guidance;
      return this;
    }

    /** How training time steps are drawn. */
    public Builder<D> time(Time time) {
      this.time = time;
      return this;
    }

    /** The sampler; it must be able to walk the noise's distribution. */
    public Builder<D> sampler(Sampler<D> sampler) {
      this.sampler = sampler;
      return this;
    }

    /** The training data. */
    public Builder<D> dataset(Dataset dataset) {
      this.dataset = dataset;
      return this;
    }

    /** Examples per training step; 64 by default. */
    public Builder<D> batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Batches whose gradients add up to one optimizer step, for a batch too large for memory; 1 by default. */
    public Builder<D> accumulate(int batches) {
      if (batches < 1) {
        throw new IllegalArgumentException("batches accumulated must be at least 1, got " + batches);
      }
      this.accumulate = batches;
      return this;
    }

    /** A constant learning rate of the Adam optimizer; 1e-4 by default. */
    public Builder<D> learningRate(float learningRate) {
      return learningRate(LearningRateSchedule.constant(learningRate));
    }

    /** The learning rate of each step of the Adam optimizer. */
    public Builder<D> learningRate(LearningRateSchedule schedule) {
      this.learningRate = schedule;
      return this;
    }

    /** AdamW's decoupled weight decay; 0, plain Adam, by default. */
    public Builder<D> weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Clips the gradient to a global norm of at most {@code max}; 0, no clipping, by default. */
    public Builder<D> clip(double max) {
      if (!(max >= 0)) {
        throw new IllegalArgumentException("the largest gradient norm must not be negative, got " + max);
      }
      this.clip = max;
      return this;
    }

    /**
     * Keeps a moving average of the weights with this decay (0.9999, say), which
     * {@link #averagedWeights()} puts in place for sampling; 0, none, by default.
     */
    public Builder<D> averageWeights(double decay) {
      if (!(decay >= 0 && decay < 1)) {
        throw new IllegalArgumentException("the decay of the moving average must lie in [0, 1), got " + decay);
      }
      this.averageDecay = decay;
      return this;
    }

    /** The device; by default a GPU when DJL sees one, else the CPU. */
    public Builder<D> device(Device device) {
      this.device = device;
      return this;
    }

    /**
     * Seeds every random draw (initialization, shuffling, noise) for a reproducible run; each
     * epoch's draws depend on the seed and the epoch only, so a resumed run continues exactly.
     * By default a seed is drawn at random.
     */
    public Builder<D> seed(int seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Stops training when a step's loss exceeds {@code factor} times the lowest running mean of
     * the losses so far; a million by default, infinity for no bound. A loss that is NaN or
     * infinite always stops it.
     */
    public Builder<D> divergence(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("the divergence factor must be at least 1, got " + factor);
      }
      this.divergence = factor;
      return this;
    }

    /** Where training progress goes; by default a progress bar on standard error. */
    public Builder<D> progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Builds the model: computes the schedule, creates the parameters and checks in one
     * forward pass that the net predicts what the noise needs.
     *
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
