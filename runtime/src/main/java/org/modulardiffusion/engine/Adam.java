package org.modulardiffusion.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, as PyTorch's default, whose
 * state — the moments and step count of every parameter — can be saved and restored, so that a
 * resumed run continues exactly where it stopped. DJL's own Adam keeps its state private.
 */
public final class Adam extends Optimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final float learningRate;
  private final Map<String, Moments> moments = new HashMap<>();

  /** @param learningRate the step size, e.g. 1e-4 */
  public Adam(float learningRate) {
    super(new Builder());
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  /** The step size. */
  public float learningRate() {
    return learningRate;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    Moments m = moments.computeIfAbsent(parameterId, id -> new Moments(weight));
    m.count++;
    double correction = Math.sqrt(1 - Math.pow(BETA2, m.count)) / (1 - Math.pow(BETA1, m.count));
    weight
        .getNDArrayInternal()
        .adamUpdate(
            new NDList(weight, grad, m.mean, m.variance),
            new NDList(weight),
            learningRate,
            (float) (learningRate * correction),
            0,
            1,
            -1,
            BETA1,
            BETA2,
            EPSILON,
            true,
            false);
  }

  /** Writes the state of {@code parameters} (by name, in order). */
  void save(DataOutputStream out, Map<String, Parameter> parameters) throws IOException {
    out.writeFloat(learningRate);
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      Moments m = moments.get(entry.getValue().getId());
      out.writeInt(m == null ? 0 : m.count);
      if (m != null) {
        writeFloats(out, m.mean.toFloatArray());
        writeFloats(out, m.variance.toFloatArray());
      }
    }
  }

  /**
   * Reads state written by {@link #save} for the same parameters, without changing this
   * optimizer; {@link #restore} applies it.
   */
  static State read(DataInputStream in, Map<String, Parameter> parameters) throws IOException {
    in.readFloat(); // the learning rate of the saved run; this run's own applies
    Map<String, float[][]> values = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      int count = in.readInt();
      if (count < 0) {
        throw new IOException("optimizer state of " + entry.getKey() + " has a negative step count");
      }
      if (count > 0) {
        int size = Math.toIntExact(entry.getValue().getArray().size());
        values.put(entry.getKey(), new float[][] {readFloats(in, size), readFloats(in, size)});
        counts.put(entry.getKey(), count);
      }
    }
    return new State(values, counts);
  }

  /** Replaces this optimizer's state with {@code state}, read for the same parameters. */
  void restore(State state, Map<String, Parameter> parameters) {
    moments.values().forEach(Moments::close);
    moments.clear();
    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
      float[][] values = state.values.get(entry.getKey());
      if (values != null) {
        Moments m = new Moments(entry.getValue().getArray());
        m.mean.set(values[0]);
        m.variance.set(values[1]);
        m.count = state.counts.get(entry.getKey());
        moments.put(entry.getValue().getId(), m);
      }
    }
  }

  /** Optimizer state read from a file, by parameter name. */
  record State(Map<String, float[][]> values, Map<String, Integer> counts) {}

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    for (float value : values) {
      out.writeFloat(value);
    }
  }

  private static float[] readFloats(DataInputStream in, int size) throws IOException {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  /** The first and second moment estimates of one parameter, and its step count. */
  private static final class Moments {
    final NDArray mean;
    final NDArray variance;
    int count;

    Moments(NDArray weight) {
      // Attached to the weight's manager: the state lives and dies with the model.
      mean = weight.zerosLike();
      variance = weight.zerosLike();
    }

    void close() {
      mean.close();
      variance.close();
    }
  }

  /** DJL's optimizer builder, for the options this optimizer does not use. */
  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
