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

  /** The times visited, from T down to 0: by default every step, T, T-1, …, 0. */
  public int[] times(int steps) {
    int[] times = new int[steps + 1];
    for (int i = 0; i <= steps; i++) {
      times[i] = steps - i;
    }
    return times;
  }

  /** Moves noisy data z from time {@code t} to the earlier time {@code s}, returning z<sub>s</sub>. */
  public abstract NDArray step(Sampling<D> sampling, NDArray z, int t, int s);
}
