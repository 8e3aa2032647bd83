package org.modulardiffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modulardiffusion.engine.ParameterSlot;

/**
 * Adam (Kingma and Ba 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, as PyTorch's default, whose
 * state — the moments and step count of every array it updates — can be saved and restored.
 * DJL's own Adam keeps its state private.
 *
 * <p>Its cost is per array, not per value: a model hands it all of a net's parameters as one
 * flat array, which it updates in one fused operation.
 */
public final class Adam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final LearningRateSchedule schedule;
  private final float weightDecay;
  private final Map<String, Moments> moments = new HashMap<>();

  /**
   * Adam with a constant step size, e.g. 1e-4.
   *
   * @param learningRate the step size, positive
   */
  public Adam(float learningRate) {
    this(LearningRateSchedule.constant(learningRate), 0);
  }

  /**
   * Adam whose step n (counted per array from 1) has the size {@code schedule.at(n)}; with a
   * positive {@code weightDecay}, AdamW (Loshchilov and Hutter 2019): each step first shrinks the
   * weights by the factor 1 − size · weightDecay, apart from the gradient.
   *
   * @param schedule the step size of each step
   * @param weightDecay the decoupled weight decay, finite and ≥ 0; 0 for plain Adam
   */
  public Adam(LearningRateSchedule schedule, double weightDecay) {
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("the weight decay must be finite and not negative, got " + weightDecay);
    }
    this.schedule = schedule;
    this.weightDecay = (float) weightDecay;
  }

  /**
   * The step size of the last step taken (of any array), or of the first step before any.
   *
   * @return the step size
   */
  public double learningRate() {
    return schedule.at(Math.max(1, moments.values().stream().mapToLong(m -> m.count).max().orElse(0)));
  }

  /**
   * Takes one step on {@code weight} with the gradient autograd accumulated in it, then zeroes
   * that gradient for the next backward pass.
   *
   * @param key names the weight's moments; the same weight must always come with the same key
   * @param weight the weight, updated in place
   */
  public void step(String key, NDArray weight) {
    try (NDArray gradient = weight.getGradient()) {
      update(key, weight, gradient);
    }
  }

  /**
   * Updates {@code weight} in place with {@code gradient} and zeroes the gradient autograd keeps
   * in {@code weight} (DJL's fused update does both); the moments are kept under {@code key}.
   *
   * @param key names the weight's moments; the same weight must always come with the same key
   * @param weight the weight, updated in place
   * @param gradient the gradient, of the weight's shape
   */
  public void update(String key, NDArray weight, NDArray gradient) {
    Moments m = moments.computeIfAbsent(key, k -> new Moments(weight));
    m.count++;
    float learningRate = (float) schedule.at(m.count);
    double correction = Math.sqrt(1 - Math.pow(BETA2, m.count)) / (1 - Math.pow(BETA1, m.count));
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, gradient, m.mean, m.variance),
            new NDList(weight),
            learningRate,
            (float) (learningRate * correction),
            weightDecay,
            1,
            -1,
            BETA1,
            BETA2,
            EPSILON,
            true,
            weightDecay > 0);
  }

  /**
   * Writes the state of the saved parameters, one after the other in {@code slots}' order: for
   * each its step count and, if it has been updated, its two moments.
   *
   * @param out where the state goes; not closed
   * @param slots the saved parameters' slots, by name
   * @throws IOException when {@code out} fails
   */
  public void save(DataOutputStream out, Map<String, ParameterSlot> slots) throws IOException {
    out.writeFloat((float) schedule.peak());
    for (ParameterSlot slot : slots.values()) {
      Moments m = moments.get(slot.key());
      out.writeInt(m == null ? 0 : m.count);
      if (m != null) {
        writeFloats(out, slot.of(m.mean));
        writeFloats(out, slot.of(m.variance));
      }
    }
  }

  /**
   * Reads state written by {@link #save} for the same slots, without changing this optimizer;
   * {@link #restore} applies it.
   *
   * @param in where the state is read from; not closed
   * @param slots the saved parameters' slots, by name, as they were saved
   * @return the state read
   * @throws IOException when {@code in} fails or ends early
   */
  public static State read(DataInputStream in, Map<String, ParameterSlot> slots) throws IOException {
    in.readFloat(); // the learning rate of the saved run; this run's own applies
    Map<String, float[][]> values = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Map.Entry<String, ParameterSlot> entry : slots.entrySet()) {
      ParameterSlot slot = entry.getValue();
      int count = in.readInt();
      if (count < 0) {
        throw new IOException("optimizer state of " + entry.getKey() + " has a negative step count");
      }
      Integer previous = counts.putIfAbsent(slot.key(), count);
      if (previous != null && previous != count) {
        throw new IOException(
            "optimizer state of " + entry.getKey() + " has step count " + count + ", the parameters before it "
                + previous + "; they are updated together");
      }
      if (count > 0) {
        int total = Math.toIntExact(slot.total());
        float[][] moments = values.computeIfAbsent(slot.key(), k -> new float[][] {new float[total], new float[total]});
        readFloats(in, moments[0], slot);
        readFloats(in, moments[1], slot);
      }
    }
    return new State(values, counts);
  }

  /**
   * Replaces this optimizer's state with {@code state}, read for the same slots; {@code weights}
   * are the arrays it updates, by key.
   *
   * @param state the state, read by {@link #read}
   * @param weights the arrays this optimizer updates, by key
   */
  public void restore(State state, Map<String, NDArray> weights) {
    moments.values().forEach(Moments::close);
    moments.clear();
    state.values.forEach(
        (key, values) -> {
          Moments m = new Moments(weights.get(key), values[0], values[1]);
          m.count = state.counts.get(key);
          moments.put(key, m);
        });
  }

  /** Optimizer state read from a file: the moments and the step count by key. */
  public record State(Map<String, float[][]> values, Map<String, Integer> counts) {}

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    for (float value : values) {
      out.writeFloat(value);
    }
  }

  private static void readFloats(DataInputStream in, float[] into, ParameterSlot slot) throws IOException {
    int end = Math.toIntExact(slot.offset() + slot.size());
    for (int i = Math.toIntExact(slot.offset()); i < end; i++) {
      into[i] = in.readFloat();
    }
  }

  /** The first and second moment estimates of one array, and its step count. */
  private static final class Moments {
    final NDArray mean;
    final NDArray variance;
    int count;

    Moments(NDArray weight) {
      // Attached to the weight's manager: the state lives and dies with the model.
      mean = weight.zerosLike();
      variance = weight.zerosLike();
    }

    /**
     * Moments with the given values, created as arrays of their own: {@code NDArray.set(float[])}
     * would copy them in under PyTorch's deprecated AutoNonVariableTypeMode, which warns.
     */
    Moments(NDArray weight, float[] mean, float[] variance) {
      this.mean = weight.getManager().create(mean, weight.getShape());
      this.variance = weight.getManager().create(variance, weight.getShape());
    }

    void close() {
      mean.close();
      variance.close();
    }
  }
}
