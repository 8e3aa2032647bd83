package org.modulardiffusion.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a sampler needs of its noise is its type: read from the class, however the sampler's
 * superclasses pass N on, and checked on the noise of every step.
 */
class SamplerNeedingTest {
  private interface Smooth {}

  private interface Silky extends Smooth {}

  /** Takes a step by handing back the noise it was given, so that a test can see it. */
  private abstract static class Solver<N extends Smooth> extends SamplerNeeding<Bell, N> {
    Object given;

    @Override
    protected NDArray step(N noise, Sampling<Bell> sampling, NDArray z, int t, int s) {
      given = noise;
      return z;
    }
  }

  private static final class Direct extends SamplerNeeding<Bell, Smooth> {
    @Override
    protected NDArray step(Smooth noise, Sampling<Bell> sampling, NDArray z, int t, int s) {
      return z;
    }
  }

  private static final class Fixed extends Solver<Silky> {}

  private static final class Open<N extends Silky> extends Solver<N> {}

  @SuppressWarnings("rawtypes")
  private static final class Raw extends SamplerNeeding {
    @Override
    protected NDArray step(Object noise, Sampling sampling, NDArray z, int t, int s) {
      return z;
    }
  }

  private static final class Plain extends Sampler<Bell> {
    @Override
    public NDArray step(Sampling<Bell> sampling, NDArray z, int t, int s) {
      return z;
    }
  }

  /** A noise that is nothing more. */
  private static class Rough extends Noise<Bell> {
    @Override
    public void schedule(NDArray alpha) {}

    @Override
    public Bell stationary(NDManager manager, Shape shape) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Bell prior(NDArray x, NDArray t) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Bell posterior(NDArray x, NDArray z, NDArray t) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Bell approximate(NDArray z, NDArray t, NDArray hat) {
      throw new UnsupportedOperationException();
    }
  }

  private static final class Satin extends Rough implements Silky {}

  private static Sampling<Bell> with(Noise<Bell> noise) {
    return new Sampling<>() {
      @Override
      public Noise<Bell> noise() {
        return noise;
      }

      @Override
      public NDArray time(NDArray z, int t) {
        throw new UnsupportedOperationException();
      }

      @Override
      public NDArray predict(NDArray z, NDArray t) {
        throw new UnsupportedOperationException();
      }

      @Override
      public double bound() {
        return 0;
      }
    };
  }

  @Test
  void theNeedIsTheTypeArgumentWhereverItIsGiven() {
    assertEquals(Optional.of(Smooth.class), SamplerNeeding.need(Direct.class));
    assertEquals(Optional.of(Silky.class), SamplerNeeding.need(Fixed.class));
    // Left open, N is its bound; a raw sampler needs nothing but to be a noise.
    assertEquals(Optional.of(Silky.class), SamplerNeeding.need(Open.class));
    assertEquals(Optional.of(Smooth.class), SamplerNeeding.need(Solver.class));
    assertEquals(Optional.of(Object.class), SamplerNeeding.need(Raw.class));
    assertEquals(Optional.empty(), SamplerNeeding.need(Plain.class));
  }

  @Test
  void aMisfitIsNamedInTheWordsOfTheRule() {
    assertEquals(Optional.of("sampler Fixed needs a noise that implements Silky, but noise Rough does not;"
        + " implement Silky in Rough, or use a sampler that needs only the noise's distribution, such as ancestral"),
        SamplerNeeding.misfit(Fixed.class, Rough.class));
    assertEquals(Optional.empty(), SamplerNeeding.misfit(Fixed.class, Satin.class));
    assertEquals(Optional.empty(), SamplerNeeding.misfit(Plain.class, Rough.class));
  }

  @Test
  void aStepHandsOverTheNoiseItNeedsAndRefusesAnother() {
    Fixed sampler = new Fixed();
    Satin satin = new Satin();
    sampler.step(with(satin), null, 2, 1);
    assertSame(satin, sampler.given);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sampler.step(with(new Rough()), null, 2, 1));
    assertEquals("sampler Fixed needs a noise that implements Silky, but noise Rough does not; implement Silky in"
        + " Rough, or use a sampler that needs only the noise's distribution, such as ancestral", e.getMessage());
  }
}
