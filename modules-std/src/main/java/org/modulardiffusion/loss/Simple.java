package org.modulardiffusion.loss;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import java.util.Optional;
import org.modulardiffusion.annotation.LossModule;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Distribution;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.nn.Scalars;

/**
 * The simple loss of Ho et al. (2020): the mean squared error between a target (x<sub>0</sub>,
 * epsilon or v) and one of the net's predicted parameters, E[‖target − hat<sub>index</sub>‖²].
 *
 * <p>The target v = a<sub>t</sub> ε − σ<sub>t</sub> x<sub>0</sub> (Salimans and Ho 2022) and the weighting need a noise
 * whose marginals are Gaussian, a {@link GaussianDiffusion}. With {@code gamma} γ > 0, each example's
 * error is weighted by min-SNR-γ (Hang et al. 2023), with SNR<sub>t</sub> = ᾱ<sub>t</sub>/(1 − ᾱ<sub>t</sub>): min(SNR, γ)
 * for the target x<sub>0</sub>, min(SNR, γ)/SNR = min(1, γ/SNR) for ε and min(SNR, γ)/(SNR + 1) for v —
 * each the same weight min(SNR, γ) on the error of x̂<sub>0</sub>, said in the target's own units.
 *
 * @param <D> any distribution
 */
@LossModule
public final class Simple<D extends Distribution<D>> extends Loss<D> {

  /** What the prediction is compared with. */
  public enum Target {
    /** the clean data x<sub>0</sub> */
    X,
    /** the noise epsilon */
    EPSILON,
    /** v = a<sub>t</sub> epsilon − σ<sub>t</sub> x<sub>0</sub> */
    V
  }

  private final Target parameter;
  private final int index;
  private final double gamma;

  /** Compares x<sub>0</sub> with the first prediction: the Python library's default. */
  public Simple() {
    this(Target.X, 0);
  }

  /**
   * The unweighted loss.
   *
   * @param parameter the target
   * @param index which of the net's parameters predicts it
   */
  public Simple(Target parameter, int index) {
    this(parameter, index, 0);
  }

  /**
   * @param parameter the target
   * @param index which of the net's parameters predicts it
   * @param gamma γ of the min-SNR-γ weighting, &gt; 0; 0 for none
   */
  @ModuleConstructor
  public Simple(
      @Param(defaultValue = "x", description = "what the net predicts: x, epsilon or v") Target parameter,
      @Param(defaultValue = "0", min = 0, description = "the index of the prediction in hat") int index,
      @Param(defaultValue = "0", min = 0, description = "min-SNR-gamma weighting of each example (5 is usual);"
          + " 0 for none") double gamma) {
    Simple_Parameters.check(index, gamma);
    this.parameter = parameter;
    this.index = index;
    this.gamma = gamma;
  }

  @Override
  public NDArray compute(Batch<D> batch) {
    NDArray target = switch (parameter) {
      case X -> batch.x();
      case EPSILON -> epsilon(batch);
      case V -> gaussian(batch).scales(batch.x(), batch.t()).v(batch.x(), epsilon(batch));
    };
    NDArray error = target.sub(batch.hat().get(index)).square();
    return gamma == 0 ? error.mean() : error.mul(weights(batch)).mean();
  }

  /**
   * A v target or a weighting needs a {@link GaussianDiffusion}; and where the noise says what the
   * net's first output estimates ({@link GaussianDiffusion#prediction()}), a loss on that output
   * must train the net to predict the same.
   */
  @Override
  public Optional<String> misfit(Noise<?> noise) {
    if (!(noise instanceof GaussianDiffusion gaussian)) {
      return parameter == Target.V || gamma > 0
          ? Optional.of("the loss" + (gamma > 0 ? " with gamma" : " with parameter v") + " needs a noise whose"
              + " marginals are Gaussian (a GaussianDiffusion), which " + noise + " is not")
          : Optional.empty();
    }
    String target = parameter.name().toLowerCase(Locale.ROOT);
    return gaussian.prediction()
        .filter(predicted -> index == 0 && !predicted.equals(target))
        .map(predicted -> "the loss trains the net to predict " + target + ", but noise " + noise
            + " reads the net's output as " + predicted + "; give both the same parameter" + (predicted.equals("mu")
                ? " (simple trains x, epsilon or v), or use loss vlb, which trains mu"
                : " (loss: {type: simple, parameter: " + predicted + "})"));
  }

  /**
   * The min-SNR-γ weight of each example of {@code batch}, shaped [b, 1, …, 1]: from SNR = a²/σ² of
   * its time, as the class describes.
   *
   * @param batch the batch, of a Gaussian noise
   * @return the weights, [b, 1, …, 1]
   */
  public NDArray weights(Batch<D> batch) {
    GaussianDiffusion.Scales scales = gaussian(batch).scales(batch.x(), batch.t());
    NDArray signal = scales.signal().square();
    NDArray snr = signal.div(scales.noise().square());
    NDArray clipped = snr.minimum(gamma);
    return switch (parameter) {
      case X -> clipped;
      // min(1, γ/SNR): 1 where SNR = 0 as well, not 0/0
      case EPSILON -> Scalars.times(snr.pow(-1), gamma).minimum(1);
      // SNR + 1 = 1/σ²
      case V -> clipped.mul(scales.noise().square());
    };
  }

  private static NDArray epsilon(Batch<?> batch) {
    if (batch.epsilon() == null) {
      throw new IllegalStateException("Simple(epsilon or v) needs a noise that records epsilon; this one has none");
    }
    return batch.epsilon();
  }

  private GaussianDiffusion gaussian(Batch<D> batch) {
    if (batch.noise() instanceof GaussianDiffusion gaussian) {
      return gaussian;
    }
    throw new IllegalStateException("Simple(" + parameter.name().toLowerCase(Locale.ROOT)
        + (gamma == 0 ? "" : ", gamma " + gamma) + ") needs a noise whose marginals are Gaussian, a GaussianDiffusion,"
        + " for its scales; got " + batch.noise());
  }

  @Override
  public String toString() {
    return "Simple(" + parameter + ", " + index + (gamma == 0 ? "" : ", gamma " + gamma) + ")";
  }
}
