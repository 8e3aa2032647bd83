package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;

/**
 * A sampler: walks noisy data from the stationary distribution at t = T down to t = 0.
 *
 * <p>The model runs each step in its own memory scope and records the trajectory; a sampler only
 * says which times it visits ({@link #times}) and how one step is taken ({@link #step}). A sampler
 * that needs more of the noise than its distribution, such as a {@link GaussianDiffusion}, extends
 * {@link SamplerNeeding} instead.
 *
 * @param <D> the distributions this sampler can walk
 */
public abstract class Sampler<D extends Distribution<D>> {

  /**
   * The times visited with the model's {@code noise} of {@code steps} steps, strictly falling to 0:
   * by default every step, T, T-1, …, 0. They start at T, or below it where a spacing does (as
   * diffusers' {@code leading} does: the stationary noise then stands for the first time's).
   *
   * @param noise the model's noise
   * @param steps T, the number of diffusion steps
   * @return the times, from the first down to 0
   */
  public int[] times(Noise<D> noise, int steps) {
    int[] times = new int[steps + 1];
    for (int i = 0; i <= steps; i++) {
      times[i] = steps - i;
    }
    return times;
  }

  /**
   * Moves noisy data z from time {@code t} to the earlier time {@code s}, returning z<sub>s</sub>.
   *
   * @param sampling what the model offers a step
   * @param z the noisy data z<sub>t</sub>, [b, …]
   * @param t the time of z
   * @param s the earlier time, {@code < t}
   * @return z<sub>s</sub>, [b, …]
   */
  public abstract NDArray step(Sampling<D> sampling, NDArray z, int t, int s);

  /**
   * The steps of one sampling run, in order from the first time to 0: by default each is {@link
   * #step}, which needs nothing of the steps before it. A multistep solver, such as DPM-Solver++(2M),
   * overrides this to remember the net's earlier estimates through the run.
   *
   * @param sampling what the model offers a step
   * @return the run, which the caller closes when it ends
   */
  public Run run(Sampling<D> sampling) {
    return (z, t, s) -> step(sampling, z, t, s);
  }

  /**
   * The steps of one sampling run, taken in order; closed when the run ends, when it closes what it
   * kept from one step for the next (each step runs in its own memory scope, so whatever a run keeps
   * it detaches from that scope and closes itself).
   */
  public interface Run extends AutoCloseable {

    /**
     * Moves z from time {@code t} to the earlier time {@code s}, the next step of the run.
     *
     * @param z the noisy data z<sub>t</sub>, [b, …]
     * @param t the time of z
     * @param s the earlier time, {@code < t}
     * @return z<sub>s</sub>, [b, …]
     */
    NDArray step(NDArray z, int t, int s);

    @Override
    default void close() {}
  }
}
