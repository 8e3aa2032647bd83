package org.modulardiffusion.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.base.Guidance;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.base.Sampling;
import org.modulardiffusion.device.EngineFailure;
import org.modulardiffusion.nn.FrozenParameters;
import org.modulardiffusion.nn.NoGradients;
import org.modulardiffusion.progress.SamplingProgress;

/**
 * One sampling run of a model: from the stationary noise, the sampler's steps, each in its own
 * memory scope, keeping the decoded data of every {@code every}-th position of the trajectory.
 * The net's parameters are {@linkplain FrozenParameters frozen} for the run.
 *
 * @param <D> the distribution of the model's noise
 */
final class SamplingLoop<D extends Distribution<D>> {
  /** The most examples one run samples: the length of the largest Java array. */
  private static final long MAX_EXAMPLES = Integer.MAX_VALUE - 8;

  private final Model<D> model;
  private final Sampler<D> sampler;
  private final Guidance guidance;
  private final SamplingProgress progress;

  SamplingLoop(Model<D> model, Sampler<D> sampler, Guidance guidance, SamplingProgress progress) {
    this.model = model;
    this.sampler = sampler;
    this.guidance = guidance;
    this.progress = progress;
  }

  /** The decoded trajectory [positions, labels × batch, …] on {@code target}. */
  NDArray run(NDManager target, long[] labels, int batch, int every) {
    return run(target, labels, batch, 0, (long) Math.max(1, labels.length) * batch, every);
  }

  /**
   * The decoded trajectory [positions, to − from, …] on {@code target} of examples {@code from}
   * to {@code to} (exclusive) of the {@code batch} examples of each label, the draws of each
   * example from {@code seed} and its index alone (see {@link Draws#perExample}).
   */
  NDArray run(NDManager target, long[] labels, int batch, long from, long to, int every, long seed) {
    return Draws.perExample(seed, from, () -> run(target, labels, batch, from, to, every));
  }

  /** The decoded trajectory on {@code target} of examples {@code from} to {@code to} of the batch examples of each label. */
  private NDArray run(NDManager target, long[] labels, int batch, long from, long to, int every) {
    try (NoGradients off = new NoGradients()) {
      if (batch < 1 || every < 1) {
        throw new IllegalArgumentException("batch and every must be at least 1, got " + batch + " and " + every);
      }
      int classes = model.dataset().classes();
      for (long label : labels) {
        if (label < 0 || label > classes) {
          throw new IllegalArgumentException(classes == 0
              ? "label " + label + " cannot be sampled: the data set has no labels (0 is none)"
              : "label " + label + " is not one of the data set's, 1 to " + classes + " (0 is none)");
        }
      }
      long[] each = labels.length == 0 ? new long[] {0} : labels;
      int[] times = checkedTimes();
      try (NDManager run = model.manager().newSubManager()) {
        long count = to - from;
        checkFits(run, count, positions(times.length, every));
        long[] y = new long[(int) count];
        for (int i = 0; i < y.length; i++) {
          y[i] = each[(int) ((from + i) / batch)];
        }
        Sampling<D> sampling = new ModelSampling(run.create(y), new FrozenParameters(model.parameterStore(), run));
        List<NDArray> kept = new ArrayList<>();
        // The step under way, for a failure's message: 0 while the run starts, times.length while it ends.
        int i = 0;
        try (Sampler.Run walk = sampler.run(sampling)) {
          NDArray z;
          try (NDScope scope = new NDScope()) {
            z = keep(model.noise().stationary(run, new Shape(y.length).addAll(model.dataShape())).sample().value(), run);
            kept.add(keep(decoded(z), run));
          }
          for (i = 1; i < times.length; i++) {
            NDArray next;
            try (NDManager step = run.newSubManager(); NDScope scope = new NDScope()) {
              step.tempAttachAll(z);
              next = keep(walk.step(z, times[i - 1], times[i]), run);
              if (i % every == 0 || i == times.length - 1) {
                kept.add(keep(decoded(next), run));
              }
            }
            z.close();
            z = next;
            progress.onStep(i, times.length - 1);
          }
          NDArray trajectory = NDArrays.stack(new NDList(kept));
          trajectory.attach(target);
          return trajectory;
        } catch (EngineException e) {
          throw EngineFailure.of(
              String.format(Locale.ROOT, "%s with %,d examples at once", part(i, times), count),
              run, e, "sample fewer at a time");
        }
      }
    }
  }

  /** The part of a run that step {@code i} of {@code times} is, for messages. */
  private static String part(int i, int[] times) {
    if (i == 0) {
      return "the start of sampling";
    }
    if (i == times.length) {
      return "the end of sampling";
    }
    return String.format(
        Locale.ROOT, "sampling step %d of %d (t = %d to %d)", i, times.length - 1, times[i - 1], times[i]);
  }

  /** The sampler's times, checked to fall strictly from T (or below) to 0. */
  private int[] checkedTimes() {
    int steps = model.steps();
    int[] times = sampler.times(model.noise(), steps);
    boolean ok = times.length >= 2 && times[0] <= steps && times[times.length - 1] == 0;
    for (int i = 1; ok && i < times.length; i++) {
      ok = times[i] < times[i - 1];
    }
    if (!ok) {
      throw new IllegalStateException(
          "sampler " + sampler + " visits times " + Arrays.toString(times) + "; they must fall from " + steps
              + " (or below) to 0");
    }
    return times;
  }

  /**
   * The positions of a trajectory of {@code times} times that a run keeps: the first, every
   * {@code every}-th and the last.
   */
  private static long positions(int times, int every) {
    return 1 + ((long) times - 2 + every) / every;
  }

  /**
   * Checks that {@code count} examples can be sampled at once on {@code run}'s device, keeping
   * {@code positions} positions of their trajectory: the net's activations in a step, for the
   * examples the guidance hands it, and the decoded trajectory twice over (its positions and, at
   * the end, their stacked copy).
   *
   * @throws IllegalArgumentException when they would not fit
   */
  private void checkFits(NDManager run, long count, long positions) {
    double trajectoryBytes = 2.0 * positions * count * decodedBytesPerExample(run);
    MemoryBudget.checkSampling(run.getDevice(), model.activationBytesPerExample() * guidance.netExamplesPerSample(),
        count, positions, trajectoryBytes);
    if (count > MAX_EXAMPLES) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "cannot sample %,d examples at once; at most %,d", count, MAX_EXAMPLES));
    }
  }

  /** The bytes of one decoded example, found by decoding zeros: no random numbers are drawn. */
  private long decodedBytesPerExample(NDManager run) {
    try (NDManager probe = run.newSubManager(); NDScope scope = new NDScope()) {
      NDArray w = model.data().decode(probe.zeros(new Shape(1).addAll(model.dataShape())));
      return w.size() * w.getDataType().getNumOfBytes();
    }
  }

  /** The decoded data of z, never z itself: z is closed after the next step. */
  private NDArray decoded(NDArray z) {
    NDArray w = model.data().decode(z);
    return w == z ? z.duplicate() : w;
  }

  /** Moves an array created in a scope out of it, onto {@code manager}. */
  private static NDArray keep(NDArray array, NDManager manager) {
    NDScope.unregister(array);
    array.attach(manager);
    return array;
  }


  /** The model's side of a step: its noise, and its net under the run's guidance. */
  private final class ModelSampling implements Sampling<D> {
    private final NDArray labels;
    private final FrozenParameters parameters;

    ModelSampling(NDArray labels, FrozenParameters parameters) {
      this.labels = labels;
      this.parameters = parameters;
    }

    @Override
    public Noise<D> noise() {
      return model.noise();
    }

    @Override
    public double bound() {
      return model.data().bound(model.dataset().bound());
    }

    @Override
    public NDArray time(NDArray z, int t) {
      // Filled on the device: no copy from the host, which on a GPU would wait for the device.
      return z.getManager().full(new Shape(z.getShape().get(0)), t, DataType.INT64);
    }

    @Override
    public NDArray predict(NDArray z, NDArray t) {
      return guidance.predict(
          (zz, yy, tt) -> model.net().forward(parameters, zz, yy, tt, false), z, labels, t);
    }
  }
}
