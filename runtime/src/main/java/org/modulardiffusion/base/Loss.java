package org.modulardiffusion.base;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import org.modulardiffusion.nn.Scalars;

/**
 * A training loss over a {@link Batch}. Losses combine like numbers:
 * {@code simple.plus(vlb.times(0.001))} is the hybrid loss of Nichol and Dhariwal (2021).
 *
 * @param <D> the distribution this loss can train; a loss for any distribution is itself generic
 */
public abstract class Loss<D extends Distribution<D>> {

  /**
   * The loss of the batch, a scalar.
   *
   * @param batch the batch
   * @return the loss, a scalar
   */
  public abstract NDArray compute(Batch<D> batch);

  /**
   * Why this loss cannot train a net for {@code noise}, in the user's words, where its type alone
   * does not tell — a target other than what the noise reads the net's output as; empty when it
   * fits. Checked on every model built and every config assembled.
   *
   * @param noise the model's noise
   * @return the reason, or empty
   */
  public Optional<String> misfit(Noise<?> noise) {
    return Optional.empty();
  }

  /**
   * This loss plus {@code other}.
   *
   * @param other the loss to add
   * @return the sum
   */
  public final Loss<D> plus(Loss<D> other) {
    Loss<D> self = this;
    return new Loss<>() {
      @Override
      public NDArray compute(Batch<D> batch) {
        return self.compute(batch).add(other.compute(batch));
      }

      @Override
      public Optional<String> misfit(Noise<?> noise) {
        return self.misfit(noise).or(() -> other.misfit(noise));
      }

      @Override
      public String toString() {
        return self + " + " + other;
      }
    };
  }

  /**
   * This loss minus {@code other}.
   *
   * @param other the loss to subtract
   * @return the difference
   */
  public final Loss<D> minus(Loss<D> other) {
    return plus(other.times(-1));
  }

  /**
   * This loss times {@code factor}.
   *
   * @param factor the weight
   * @return the weighted loss
   */
  public final Loss<D> times(double factor) {
    Loss<D> self = this;
    return new Loss<>() {
      @Override
      public NDArray compute(Batch<D> batch) {
        return Scalars.times(self.compute(batch), factor);
      }

      @Override
      public Optional<String> misfit(Noise<?> noise) {
        return self.misfit(noise);
      }

      @Override
      public String toString() {
        return factor + " * " + self;
      }
    };
  }

  /**
   * This loss divided by {@code divisor}.
   *
   * @param divisor the divisor, not 0
   * @return the divided loss
   */
  public final Loss<D> div(double divisor) {
    return times(1 / divisor);
  }
}
