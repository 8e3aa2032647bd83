package org.modulardiffusion.train;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.modulardiffusion.base.Dataset;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.device.EngineFailure;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.nn.NoGradients;
import org.modulardiffusion.nn.Scalars;

/**
 * Trains a {@link Model}, in the shape of DJL's {@code Trainer}: shuffles the data set each
 * epoch, takes optimizer steps of one or more accumulated batches, clips the gradient, updates
 * the parameters with Adam, updates the moving average of the weights when the model keeps one,
 * and tells its {@linkplain TrainingListener listeners}: first the divergence check, which is
 * always there, then the progress report, then the caller's listeners.
 *
 * <p>No step waits for the device: the losses of the steps are read from it a few times a second
 * (see {@link PendingLosses}) and when an epoch ends, so listeners hear of steps in bursts; and on
 * a GPU the data set is copied there once and batches are gathered there (see {@link
 * Builder#dataOnDevice}).
 *
 * @param <D> the distribution of the model's noise
 */
public final class TrainingLoop<D extends Distribution<D>> {
  private final Model<D> model;
  private final int batchSize;
  /** Batches whose gradients add up to one optimizer step. */
  private final int accumulate;
  private final Adam optimizer;
  /** The largest global norm of the gradient; 0 for no clipping. */
  private final double clip;
  private final int seed;
  /** Shuffles the data set; reseeded at the start of every epoch. */
  private final Random random = new Random();
  private final List<TrainingListener> listeners;
  /** The workers that share each step; this one alone by default. */
  private final Workers workers;
  /** Whether this worker is asked to stop, which every worker hears of at the step's sum. */
  private final BooleanSupplier stopRequested;
  /** Set when the workers agreed at a step's sum to stop after it. */
  private boolean stopped;
  /** The data set on the device; null to copy each batch from the data set. */
  private final ResidentData resident;
  /** The global norm of the last step's gradient before clipping, on the device; null before a clipped step. */
  private NDArray gradientNorm;
  /** What a run that does not fit in memory is told to change. */
  private final String outOfMemoryAdvice;

  private TrainingLoop(Builder<D> builder) {
    this.model = builder.model;
    this.batchSize = builder.batchSize;
    this.accumulate = builder.accumulate;
    this.workers = builder.workers;
    this.stopRequested = builder.stopRequested;
    this.optimizer = new Adam(builder.learningRate, builder.weightDecay);
    this.clip = builder.clip;
    this.outOfMemoryAdvice = builder.outOfMemoryAdvice;
    this.seed = builder.seed != null ? builder.seed : new Random().nextInt();
    random.setSeed(seed);
    List<TrainingListener> all = new ArrayList<>();
    all.add(new Divergence(builder.divergence));
    all.add(builder.progress);
    all.addAll(builder.listeners);
    this.listeners = List.copyOf(all);
    model.checkActivations(batchSize, outOfMemoryAdvice);
    boolean onDevice = builder.dataOnDevice != null ? builder.dataOnDevice : model.device().isGpu();
    this.resident = onDevice ? ResidentData.of(model.dataset(), model.manager()) : null;
  }

  /**
   * A builder of a loop that trains {@code model}.
   *
   * @param <D> the noise's distribution
   * @param model the model to train
   * @return a new builder
   */
  public static <D extends Distribution<D>> Builder<D> builder(Model<D> model) {
    return new Builder<>(model);
  }

  /**
   * Trains for {@code epochs} more passes over the data set. Epochs are counted over the model's
   * life, so a model restored from a checkpoint continues its numbering; each epoch draws
   * (shuffling, time steps, noise, label dropout) from the seed and its number alone, so a run
   * resumed from the checkpoint of an epoch draws exactly what the uninterrupted run drew after it.
   *
   * @param epochs the number of epochs to train, ≥ 0
   * @return the mean loss of each epoch finished: all of them, unless the workers stopped (see
   *     {@link #stopped})
   * @throws IllegalStateException when the run diverges (see {@link Builder#divergence}), or
   *     PyTorch fails in a step (out of memory, say), named with the step, or with the steps whose
   *     losses it was reading
   */
  public List<Float> train(int epochs) {
    stopped = false;
    try (NoGradients off = new NoGradients()) {
      listeners.forEach(listener -> listener.onTrainingBegin(this));
      List<Float> means = new ArrayList<>();
      Dataset dataset = model.dataset();
      int perStep = examplesPerStep();
      int steps = (dataset.size() + perStep - 1) / perStep;
      for (int e = 0; e < epochs; e++) {
        int epoch = model.epoch() + 1;
        listeners.forEach(listener -> listener.onEpochBegin(this, epoch));
        seed(epoch);
        double sum = 0;
        try (Order order = new Order(permutation(dataset.size()));
            PendingLosses<Taken> pending = new PendingLosses<>(System::nanoTime)) {
          for (int s = 0; s < steps; s++) {
            int from = s * perStep;
            int to = Math.min(dataset.size(), (s + 1) * perStep);
            int number = s + 1;
            int draws = drawSeed(epoch, number);
            NDArray loss =
                during(() -> "training step " + number + " of epoch " + epoch, () -> step(order, from, to, draws));
            pending.add(new Taken(epoch, number, steps, optimizer.learningRate()), loss);
            model.countStep();
            if (pending.due() || stopped) {
              sum += report(pending);
            }
            if (stopped) {
              return means;
            }
          }
          if (!pending.isEmpty()) {
            sum += report(pending);
          }
        }
        model.countEpoch();
        float mean = (float) (sum / steps);
        listeners.forEach(listener -> listener.onEpoch(this, epoch, mean));
        means.add(mean);
      }
      return means;
    }
  }

  /** A step taken, whose loss is still on the device. */
  private record Taken(int epoch, int step, int steps, double learningRate) {}

  /** Reads the pending losses, tells the listeners of their steps and returns the sum of the losses. */
  private double report(PendingLosses<Taken> pending) {
    String what = "training " + named(pending.first().step(), pending.last().step()) + " of epoch "
        + pending.first().epoch();
    double sum = 0;
    for (PendingLosses.Loss<Taken> loss : during(() -> what, pending::read)) {
      Taken taken = loss.step();
      TrainingListener.Step step =
          new TrainingListener.Step(taken.epoch(), taken.step(), taken.steps(), loss.value(), taken.learningRate());
      listeners.forEach(listener -> listener.onStep(this, step));
      sum += loss.value();
    }
    return sum;
  }

  /** "step 3", or "steps 3 to 5": the steps from {@code first} to {@code last}, for messages. */
  private static String named(int first, int last) {
    return first == last ? "step " + first : "steps " + first + " to " + last;
  }

  /**
   * Takes {@code steps} optimizer steps on random batches, outside the epoch count and without
   * telling the listeners: for benchmarks and warm-ups. Reads the losses a few times a second, as
   * {@link #train} does, and returns when the device has finished the last step.
   *
   * @param steps the number of steps, ≥ 1
   * @return the mean loss
   * @throws IllegalStateException when PyTorch fails in a step (out of memory, say), named as {@link #train}
   *     names it
   */
  public float trainSteps(int steps) {
    int size = model.dataset().size();
    int perStep = Math.min(examplesPerStep(), size);
    try (NoGradients off = new NoGradients();
        PendingLosses<Integer> pending = new PendingLosses<>(System::nanoTime)) {
      double sum = 0;
      Order order = new Order(permutation(size));
      try {
        int from = 0;
        for (int s = 0; s < steps; s++) {
          if (from + perStep > size) {
            order.close();
            order = new Order(permutation(size));
            from = 0;
          }
          Order current = order;
          int start = from;
          int number = s + 1;
          int draws = drawSeed(0, number);
          NDArray loss = during(() -> "training step " + number, () -> step(current, start, start + perStep, draws));
          from += perStep;
          model.countStep();
          pending.add(number, loss);
          if (pending.due() || s == steps - 1) {
            String what = "training " + named(pending.first(), pending.last());
            for (PendingLosses.Loss<Integer> read : during(() -> what, pending::read)) {
              sum += read.value();
            }
          }
        }
      } finally {
        order.close();
      }
      return (float) (sum / steps);
    }
  }

  /**
   * The result of {@code work}, a step or the reading of its loss, where a failure of PyTorch
   * is told in our words as a failure of {@code what}, described only then.
   *
   * @throws IllegalStateException when PyTorch fails
   */
  private <T> T during(Supplier<String> what, Supplier<T> work) {
    try {
      return work.get();
    } catch (EngineException e) {
      throw EngineFailure.of(what.get() + " (batch " + batchSize + ")", model.manager(), e, outOfMemoryAdvice);
    }
  }

  /** The examples of a pass over the data set in a shuffled order, on the device when the data set is there. */
  private final class Order implements AutoCloseable {
    private final int[] permutation;
    private final NDArray onDevice;

    Order(int[] permutation) {
      this.permutation = permutation;
      this.onDevice = resident == null ? null : resident.order(permutation);
    }

    /** The examples at positions {@code from} to {@code to} (exclusive) of the order, on {@code manager}. */
    Dataset.Examples get(NDManager manager, int from, int to) {
      return onDevice == null
          ? model.dataset().get(manager, Arrays.copyOfRange(permutation, from, to))
          : resident.get(onDevice, from, to);
    }

    @Override
    public void close() {
      if (onDevice != null) {
        onDevice.close();
      }
    }
  }

  /** The examples of an optimizer step, over all the workers. */
  private int examplesPerStep() {
    return batchSize * accumulate * workers.count();
  }

  /**
   * Runs one optimizer step on the examples at positions {@code from} to {@code to} (exclusive)
   * of {@code order}, this worker's share of them a batch at a time: the gradients of the batches
   * of all workers add up, each weighted by its share of the examples, to the gradient of the
   * whole; then the gradient is clipped, the optimizer steps and the moving average of the
   * weights, when the model keeps one, follows. (The average is part of the step, not a
   * listener's work: it must see every update as it is made, and listeners hear of steps later.)
   * The engine is seeded with {@code draws} before each batch, whose draws are the rows of the
   * whole step's (see {@link Model#trainingLoss}): neither the batch size nor the number of
   * workers changes a number.
   *
   * @return the mean loss of the examples, on the device, owned by the model's manager
   */
  private NDArray step(Order order, int from, int to, int draws) {
    NDManager modelManager = model.manager();
    List<NDArray> losses = new ArrayList<>();
    long[] rows = workers.share(to - from);
    try (NDManager step = modelManager.newSubManager()) {
      Dataset.Examples examples = order.get(step, from, to);
      for (int start = from + (int) rows[0]; start < from + rows[1]; start += batchSize) {
        int end = (int) Math.min(from + rows[1], start + batchSize);
        double share = (double) (end - start) / (to - from);
        try (NDScope scope = new NDScope();
            GradientCollector collector = modelManager.getEngine().newGradientCollector()) {
          Engine.getInstance().setRandomSeed(draws);
          NDArray loss = model.trainingLoss(examples, start - from, end - from);
          NDArray weighted = share == 1 ? loss : Scalars.times(loss, share);
          collector.backward(weighted);
          NDScope.unregister(weighted);
          losses.add(weighted);
        }
      }
      // Summed outside the collectors: nothing of it is recorded for gradients. Detached, so that
      // the record of the step's operations goes now, not when the loss is read.
      NDArray loss;
      try (NDScope scope = new NDScope()) {
        NDArray total = null;
        for (NDArray next : losses) {
          total = total == null ? next : total.add(next);
        }
        // A worker whose share of a short last step is empty adds nothing.
        loss = total == null ? modelManager.zeros(new Shape()) : total.stopGradient();
        NDScope.unregister(loss);
      }
      losses.forEach(NDArray::close);
      loss.attach(modelManager);
      if (workers.count() > 1) {
        loss = sumOverWorkers(loss);
      }
      // Outside the scopes: the optimizer and the average create their state on the first step and keep it.
      if (clip > 0) {
        clipGradients();
      }
      model.trainable().forEach(optimizer::step);
      model.updateAverages();
      return loss;
    }
  }

  /**
   * Sums the gradients of every trainable array over the workers, and the step's loss with their
   * votes to stop, which sets {@link #stopped} for all of them at the same step.
   *
   * @return the summed loss, owned by the model's manager
   */
  private NDArray sumOverWorkers(NDArray loss) {
    for (NDArray array : model.trainable().values()) {
      try (NDArray gradient = array.getGradient()) {
        workers.sum(gradient);
      }
    }
    NDManager manager = model.manager();
    try (NDArray vote = manager.create(new float[] {stopRequested.getAsBoolean() ? 1 : 0})) {
      NDArray both = NDArrays.concat(new NDList(loss.reshape(1), vote));
      loss.close();
      workers.sum(both);
      stopped = both.getFloat(1) > 0;
      NDArray summed = both.get(0);
      both.close();
      summed.attach(manager);
      return summed;
    }
  }

  /**
   * How many workers share each step.
   *
   * @return the number of workers, ≥ 1
   */
  public int workerCount() {
    return workers.count();
  }

  /**
   * Whether the last {@link #train} ended early, at a step where a worker asked the workers to stop.
   *
   * @return whether it stopped early
   */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Scales the gradients so that their global norm is at most {@link #clip}, and keeps the norm
   * on the device: reading it here would wait for the device in every step.
   */
  private void clipGradients() {
    try (NDScope scope = new NDScope()) {
      NDList gradients = new NDList();
      model.trainable().values().forEach(array -> gradients.add(array.getGradient()));
      NDArray norm = GlobalNorm.clip(gradients, clip);
      NDScope.unregister(norm);
      norm.attach(model.manager());
      if (gradientNorm != null) {
        gradientNorm.close();
      }
      gradientNorm = norm;
    }
  }

  /**
   * Runs one training step on the first batch without updating any parameter, as {@code
   * diffusion validate} does before any training, and names the module whose output the step
   * cannot use.
   *
   * @throws IllegalArgumentException naming the module at fault and what it returned
   * @throws IllegalStateException when the step runs out of memory
   */
  public void check() {
    during(() -> "the check of a training step on the first examples", () -> {
      model.check(batchSize);
      return null;
    });
  }

  /** Seeds the shuffling of {@code epoch} from the run's seed and the epoch's number alone. */
  private void seed(int epoch) {
    random.setSeed(epochSeed(epoch));
  }

  private long epochSeed(int epoch) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
  }

  /**
   * The seed of the engine's draws (time steps, noise, label dropout) in step {@code step} of
   * {@code epoch}: of the run's seed and the two numbers alone, so that a resumed run draws what
   * the uninterrupted one drew.
   */
  private int drawSeed(int epoch, int step) {
    return new SplittableRandom(epochSeed(epoch) + step * 0xBF58476D1CE4E5B9L).nextInt();
  }

  private int[] permutation(int n) {
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /**
   * The model this loop trains.
   *
   * @return the model
   */
  public Model<D> model() {
    return model;
  }

  /**
   * Examples per forward and backward pass.
   *
   * @return the batch size, ≥ 1
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The learning rate of the last optimizer step, or of the first before any.
   *
   * @return the learning rate
   */
  public double learningRate() {
    return optimizer.learningRate();
  }

  /**
   * The global norm of the last step's gradient before clipping; NaN without clipping.
   *
   * @return the norm, or NaN
   */
  public double gradientNorm() {
    return gradientNorm == null ? Double.NaN : gradientNorm.getFloat();
  }

  /**
   * The optimizer, whose state a checkpoint keeps.
   *
   * @return the optimizer
   */
  public Adam optimizer() {
    return optimizer;
  }

  /**
   * Assembles a {@link TrainingLoop}.
   *
   * @param <D> the distribution of the model's noise
   */
  public static final class Builder<D extends Distribution<D>> {
    private final Model<D> model;
    private int batchSize = 64;
    private int accumulate = 1;
    private LearningRateSchedule learningRate = LearningRateSchedule.constant(1e-4);
    private double weightDecay;
    private double clip;
    private Integer seed;
    private double divergence = Divergence.DEFAULT_FACTOR;
    private Boolean dataOnDevice;
    private String outOfMemoryAdvice =
        "lower the batch size; accumulating smaller batches keeps the examples of a step";
    private TrainingListener progress = ProgressBar.console(0);
    private Workers workers = Workers.alone();
    private BooleanSupplier stopRequested = () -> false;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder(Model<D> model) {
      this.model = model;
    }

    /**
     * Examples per forward and backward pass; 64 by default.
     *
     * @param batchSize the batch size, ≥ 1
     * @return this builder
     */
    public Builder<D> batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The workers that share each step, of which this loop is one; its batches are then of its
     * share, {@link #batchSize} examples each, so that an optimizer step takes {@code batchSize ×
     * accumulate × workers.count()} examples. This worker alone by default.
     *
     * @param workers the workers
     * @return this builder
     */
    public Builder<D> workers(Workers workers) {
      this.workers = workers;
      return this;
    }

    /**
     * Asks whether this worker of several is to stop: the workers then stop together after the
     * step at whose sum one of them asked, and {@link #train} returns early; never by default.
     *
     * @param requested true when this worker wants to stop
     * @return this builder
     */
    public Builder<D> stopWhen(BooleanSupplier requested) {
      this.stopRequested = requested;
      return this;
    }

    /**
     * Batches whose gradients add up to one optimizer step, for a batch too large for memory; 1 by default.
     *
     * @param batches the number of batches, ≥ 1
     * @return this builder
     */
    public Builder<D> accumulate(int batches) {
      if (batches < 1) {
        throw new IllegalArgumentException("batches accumulated must be at least 1, got " + batches);
      }
      this.accumulate = batches;
      return this;
    }

    /**
     * A constant learning rate of the Adam optimizer; 1e-4 by default.
     *
     * @param learningRate the learning rate, positive
     * @return this builder
     */
    public Builder<D> learningRate(float learningRate) {
      return learningRate(LearningRateSchedule.constant(learningRate));
    }

    /**
     * The learning rate of each step of the Adam optimizer.
     *
     * @param schedule the learning rate of each step
     * @return this builder
     */
    public Builder<D> learningRate(LearningRateSchedule schedule) {
      this.learningRate = schedule;
      return this;
    }

    /**
     * AdamW's decoupled weight decay; 0, plain Adam, by default.
     *
     * @param weightDecay the weight decay, finite and ≥ 0
     * @return this builder
     */
    public Builder<D> weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /**
     * Clips the gradient to a global norm of at most {@code max}; 0, no clipping, by default.
     *
     * @param max the largest norm, ≥ 0; 0 for none
     * @return this builder
     */
    public Builder<D> clip(double max) {
      if (!(max >= 0)) {
        throw new IllegalArgumentException("the largest gradient norm must not be negative, got " + max);
      }
      this.clip = max;
      return this;
    }

    /**
     * Seeds each epoch's draws (shuffling, time steps, noise, label dropout); by default a seed
     * drawn at random.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder<D> seed(int seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Stops training when a step's loss exceeds {@code factor} times the lowest running mean of
     * the losses so far; a million by default, infinity for no bound. A loss that is NaN or
     * infinite, or parameters no longer finite at the end of an epoch, always stop it.
     *
     * @param factor the factor, ≥ 1
     * @return this builder
     */
    public Builder<D> divergence(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("the divergence factor must be at least 1, got " + factor);
      }
      this.divergence = factor;
      return this;
    }

    /**
     * Whether to copy the data set to the device once and gather each batch there, rather than
     * copy each batch from the data set; only a data set held in memory ({@link
     * org.modulardiffusion.base.InMemoryDataset}) whose examples take at most a quarter of the
     * device's free memory is copied. By default on a GPU, where a copy from the host in every
     * step makes the step wait for the device.
     *
     * @param onDevice whether to copy the data set to the device
     * @return this builder
     */
    public Builder<D> dataOnDevice(boolean onDevice) {
      this.dataOnDevice = onDevice;
      return this;
    }

    /**
     * What a run whose batch does not fit in the device's memory is told to change, in the words
     * of whoever sets the batch size (a config key, a command's option); by default to lower the
     * batch size and accumulate smaller batches. It ends both the refusal before the first step
     * and the failure of a step that runs out of memory.
     *
     * @param advice the advice, a sentence's end
     * @return this builder
     */
    public Builder<D> outOfMemoryAdvice(String advice) {
      this.outOfMemoryAdvice = advice;
      return this;
    }

    /**
     * Where progress goes; by default a progress bar on standard error, {@link
     * TrainingListener#none()} for none.
     *
     * @param progress the progress report
     * @return this builder
     */
    public Builder<D> progress(TrainingListener progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Adds a listener, told after the progress report and the listeners added before it.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<D> listener(TrainingListener listener) {
      listeners.add(listener);
      return this;
    }

    /**
     * Builds the loop.
     *
     * @return the loop
     * @throws IllegalArgumentException when a training batch would need more memory than the
     *     machine has
     */
    public TrainingLoop<D> build() {
      return new TrainingLoop<>(this);
    }
  }
}
