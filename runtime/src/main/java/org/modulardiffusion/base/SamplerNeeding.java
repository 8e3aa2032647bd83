package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.modulardiffusion.annotation.ModelRule;

/**
 * A sampler that needs more of its noise than the distributions it walks: a noise that is an
 * {@code N} too, as DDIM needs a {@link GaussianDiffusion}. The need is the sampler's type, read by
 * the processor on a model spec and by the runtime on every model it assembles or builds and
 * every sampler it swaps in, which report a noise that is not an {@code N} in the same words
 * ({@link ModelRule#SAMPLER_FITS_NOISE}); each step is handed the noise as an {@code N}.
 *
 * @param <D> the distributions this sampler walks
 * @param <N> what the noise must be as well, such as {@link GaussianDiffusion}
 */
public abstract class SamplerNeeding<D extends Distribution<D>, N> extends Sampler<D> {
  private final Class<?> required = need(getClass()).orElseThrow();

  /**
   * Checks that the model's noise is an {@code N} and takes the step with it.
   *
   * @throws IllegalArgumentException naming the sampler, its need and the noise, when it is not
   */
  @Override
  public final NDArray step(Sampling<D> sampling, NDArray z, int t, int s) {
    return step(needed(sampling.noise()), sampling, z, t, s);
  }

  /**
   * Moves z from time {@code t} to the earlier time {@code s} as {@link #step(Sampling, NDArray, int, int)}, the model's noise being {@code noise}.
   *
   * @param noise the model's noise
   * @param sampling what the model offers a step
   * @param z the noisy data z<sub>t</sub>, [b, …]
   * @param t the time of z
   * @param s the earlier time, {@code < t}
   * @return z<sub>s</sub>, [b, …]
   */
  protected abstract NDArray step(N noise, Sampling<D> sampling, NDArray z, int t, int s);

  /** Checks that the model's noise is an {@code N} and asks {@link #timesFor(Object, int)}. */
  @Override
  public final int[] times(Noise<D> noise, int steps) {
    return timesFor(needed(noise), steps);
  }

  /**
   * The times visited as {@link Sampler#times(Noise, int)}, the model's noise being {@code noise}: by default every step.
   *
   * @param noise the model's noise
   * @param steps T, the number of diffusion steps
   * @return the times, from the first down to 0
   */
  protected int[] timesFor(N noise, int steps) {
    return super.times(null, steps);
  }

  /** Checks that the model's noise is an {@code N} and asks {@link #run(Object, Sampling)}. */
  @Override
  public final Run run(Sampling<D> sampling) {
    return run(needed(sampling.noise()), sampling);
  }

  /**
   * The steps of one run as {@link Sampler#run(Sampling)}, the model's noise being {@code noise}: by default each is {@link #step(Object, Sampling, NDArray, int, int)}.
   *
   * @param noise the model's noise
   * @param sampling what the model offers a step
   * @return the run, which the caller closes when it ends
   */
  protected Run run(N noise, Sampling<D> sampling) {
    return (z, t, s) -> step(noise, sampling, z, t, s);
  }

  /** The model's noise as an {@code N}; the broken rule's message when it is not. */
  private N needed(Noise<D> noise) {
    if (!required.isInstance(noise)) {
      throw new IllegalArgumentException(misfit(getClass(), noise.getClass()).orElseThrow());
    }
    @SuppressWarnings("unchecked")
    N needed = (N) noise;
    return needed;
  }

  /**
   * What a sampler class needs its noise to be: its {@code N} (the bound of N where the sampler
   * leaves it open, Object where it is raw), or empty for a sampler that needs only its
   * distribution.
   *
   * @param sampler a sampler class
   * @return the class its noise must be, or empty
   */
  public static Optional<Class<?>> need(Class<?> sampler) {
    if (!SamplerNeeding.class.isAssignableFrom(sampler) || sampler == SamplerNeeding.class) {
      return Optional.empty();
    }
    Map<TypeVariable<?>, Type> arguments = new HashMap<>();
    Class<?> current = sampler;
    while (current != SamplerNeeding.class) {
      Type supertype = current.getGenericSuperclass();
      if (supertype instanceof ParameterizedType parameterized) {
        TypeVariable<?>[] variables = ((Class<?>) parameterized.getRawType()).getTypeParameters();
        Type[] actual = parameterized.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
          arguments.put(variables[i], actual[i] instanceof TypeVariable<?> v && arguments.containsKey(v)
              ? arguments.get(v)
              : actual[i]);
        }
      }
      current = current.getSuperclass();
    }
    return Optional.of(erasure(arguments.get(SamplerNeeding.class.getTypeParameters()[1])));
  }

  /**
   * The broken rule's message when a noise of class {@code noise} does not fit a sampler of class
   * {@code sampler}, as the processor reports it on a model spec; empty when it fits.
   *
   * @param sampler a sampler class
   * @param noise a noise class
   * @return the message, or empty
   */
  public static Optional<String> misfit(Class<?> sampler, Class<?> noise) {
    return need(sampler)
        .filter(need -> !need.isAssignableFrom(noise))
        .map(need -> ModelRule.SAMPLER_FITS_NOISE.message(
            sampler.getSimpleName(), need.getSimpleName(), noise.getSimpleName()));
  }

  /** The class a type erases to: Object for a raw supertype's missing argument. */
  private static Class<?> erasure(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof TypeVariable<?> variable) {
      return erasure(variable.getBounds()[0]);
    }
    if (type instanceof WildcardType wildcard) {
      return erasure(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof GenericArrayType array) {
      return erasure(array.getGenericComponentType()).arrayType();
    }
    return Object.class;
  }
}
