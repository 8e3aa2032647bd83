package org.modulardiffusion.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Optional;
import org.modulardiffusion.annotation.ModuleConstructor;
import org.modulardiffusion.annotation.NoiseModule;
import org.modulardiffusion.annotation.Param;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.base.Noise;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.nn.Scalars;

/**
 * Gaussian noise (Ho et al. 2020). With delta<sub>t</sub> = alpha<sub>1</sub>⋯alpha<sub>t</sub>
 * (the cumulative product):
 *
 * <ul>
 *   <li>prior q(x<sub>t</sub> | x<sub>0</sub>) = N(√delta<sub>t</sub> x<sub>0</sub>, 1 − delta<sub>t</sub>);
 *   <li>posterior q(x<sub>t-1</sub> | x<sub>t</sub>, x<sub>0</sub>) = N(q3·x<sub>t</sub> + q4·x<sub>0</sub>, q5²);
 *   <li>approximate p(x<sub>t-1</sub> | x<sub>t</sub>) = N(p1·x<sub>t</sub> + p2·hat<sub>0</sub>, sigma²), where
 *       hat<sub>0</sub> predicts x<sub>0</sub>, epsilon, v = √delta<sub>t</sub> epsilon − √(1 − delta<sub>t</sub>) x<sub>0</sub>
 *       (Salimans and Ho 2022) or the posterior mean mu, and sigma is q5 ({@code fixed}),
 *       exp(v·log(1 − alpha<sub>t</sub>) + (1 − v)·log q5) for a predicted v ({@code range}) or predicted ({@code learned}).
 * </ul>
 *
 * <p>Its marginals are Gaussian, so it is a {@link GaussianDiffusion}, which DDIM needs: x<sub>t</sub> =
 * √delta<sub>t</sub> x<sub>0</sub> + √(1 − delta<sub>t</sub>) ε.
 *
 * <p>With {@code offset} c > 0 (offset noise, Guttenberg 2023), the prior's samples are made with the
 * noise epsilon + c·δ, δ a normal draw per example and channel shared by the other axes, and that
 * noise is the batch's epsilon: training learns to shift an image's mean. Sampling starts from
 * N(0, I) as before.
 *
 * <p>As in the Python library, delta<sub>t-1</sub> at t = 0 wraps around to delta<sub>T</sub>;
 * the values at t = 0 are never used by training (t ≥ 1) or sampling.
 */
@NoiseModule
public final class Gaussian extends Noise<Normal> implements GaussianDiffusion {

  /** What the net's first output predicts. */
  public enum Parameter {
    /** the clean data x<sub>0</sub> */
    X,
    /** the noise epsilon that made x<sub>t</sub> */
    EPSILON,
    /** the posterior mean */
    MU,
    /** v = √delta<sub>t</sub> epsilon − √(1 − delta<sub>t</sub>) x<sub>0</sub>, the velocity (Salimans and Ho 2022) */
    V
  }

  /** How the approximate posterior's standard deviation is found. */
  public enum Variance {
    /** the posterior's, q5 */
    FIXED,
    /** interpolated in log space between q5 and √(1 − alpha) by the net's second output */
    RANGE,
    /** the net's second output itself */
    LEARNED
  }

  private final Parameter parameter;
  private final Variance variance;
  private final float offset;
  private NDArray delta;
  private float[] deltaValues;
  private NDArray q1;
  private NDArray q2;
  private NDArray q3;
  private NDArray q4;
  private NDArray q5;
  private NDArray p1;
  private NDArray p2;
  private NDArray p3;
  private NDArray p4;

  /** Noise whose net predicts x<sub>0</sub> with the fixed variance: the Python library's default. */
  public Gaussian() {
    this(Parameter.X, Variance.FIXED);
  }

  /**
   * Noise without offset noise.
   *
   * @param parameter what the net predicts
   * @param variance how the variance is found
   */
  public Gaussian(Parameter parameter, Variance variance) {
    this(parameter, variance, 0);
  }

  /**
   * @param parameter what the net predicts
   * @param variance how the variance is found
   * @param offset the scale c of the offset noise added in training, ≥ 0; 0 for none
   */
  @ModuleConstructor
  public Gaussian(
      @Param(defaultValue = "x", description = "what the net predicts: x, epsilon, mu or v") Parameter parameter,
      @Param(defaultValue = "fixed", description = "how the variance is chosen") Variance variance,
      @Param(defaultValue = "0", min = 0, description = "offset noise in training: epsilon + offset times a normal"
          + " draw per example and channel; 0 for none") float offset) {
    Gaussian_Parameters.check(offset);
    this.parameter = parameter;
    this.variance = variance;
    this.offset = offset;
  }

  @Override
  public void schedule(NDArray alpha) {
    delta = alpha.cumProd(0);
    deltaValues = delta.toFloatArray();
    NDArray previous = delta.get("-1:").concat(delta.get(":-1"));
    q1 = delta.sqrt();
    q2 = delta.neg().add(1).sqrt();
    q3 = alpha.sqrt().mul(previous.neg().add(1)).div(delta.neg().add(1));
    q4 = previous.sqrt().mul(alpha.neg().add(1)).div(delta.neg().add(1));
    q5 = alpha.neg().add(1).mul(previous.neg().add(1)).div(delta.neg().add(1)).sqrt();
    switch (parameter) {
      case X -> {
        p1 = q3;
        p2 = q4;
      }
      case EPSILON -> {
        p1 = alpha.sqrt().pow(-1);
        p2 = alpha.sub(1).div(q2.mul(alpha.sqrt()));
      }
      case MU -> {
        p1 = alpha.zerosLike();
        p2 = alpha.onesLike();
      }
      case V -> {
        // mu = q3·z + q4·x0 with x0 = q1·z − q2·v
        p1 = q3.add(q4.mul(q1));
        p2 = q4.mul(q2).neg();
      }
    }
    p3 = alpha.neg().add(1).log();
    p4 = q5.log();
  }

  @Override
  public Normal stationary(NDManager manager, Shape shape) {
    return new Normal(manager.zeros(shape), manager.ones(shape));
  }

  @Override
  public Normal prior(NDArray x, NDArray t) {
    int rank = x.getShape().dimension();
    return new Normal(at(q1, t, rank).mul(x), at(q2, t, rank), offset);
  }

  @Override
  public Normal posterior(NDArray x, NDArray z, NDArray t) {
    int rank = x.getShape().dimension();
    return new Normal(at(q3, t, rank).mul(z).add(at(q4, t, rank).mul(x)), at(q5, t, rank));
  }

  @Override
  public Normal approximate(NDArray z, NDArray t, NDArray hat) {
    int rank = z.getShape().dimension();
    NDArray mu = at(p1, t, rank).mul(z).add(at(p2, t, rank).mul(hat.get(0)));
    NDArray sigma =
        switch (variance) {
          case FIXED -> at(q5, t, rank);
          case RANGE -> {
            NDArray v = hat.get(1);
            yield v.mul(at(p3, t, rank)).add(Scalars.minus(1, v).mul(at(p4, t, rank))).exp();
          }
          case LEARNED -> hat.get(1);
        };
    return new Normal(mu, sigma);
  }

  /** One output (the parameter) with a fixed variance, two when the variance is predicted. */
  @Override
  public int parameters() {
    return variance == Variance.FIXED ? 1 : 2;
  }

  /** The signal and noise scales √delta<sub>t</sub> and √(1 − delta<sub>t</sub>): the prior's q1 and q2. */
  @Override
  public Scales scales(NDArray z, NDArray t) {
    int rank = z.getShape().dimension();
    return new Scales(at(q1, t, rank), at(q2, t, rank));
  }

  /**
   * The net's estimate of the clean data x<sub>0</sub> from its prediction: hat<sub>0</sub> itself,
   * (x<sub>t</sub> − √(1 − delta<sub>t</sub>)·epsilon)/√delta<sub>t</sub>, (mu − q3·x<sub>t</sub>)/q4, or
   * √delta<sub>t</sub> x<sub>t</sub> − √(1 − delta<sub>t</sub>) v.
   */
  @Override
  public NDArray x0(NDArray z, NDArray t, NDArray hat) {
    int rank = z.getShape().dimension();
    NDArray prediction = hat.get(0);
    return switch (parameter) {
      case X -> prediction;
      case EPSILON -> z.sub(at(q2, t, rank).mul(prediction)).div(at(q1, t, rank));
      case MU -> prediction.sub(at(q3, t, rank).mul(z)).div(at(q4, t, rank));
      case V -> scales(z, t).x0FromV(z, prediction);
    };
  }

  /**
   * The net's estimate of epsilon: hat<sub>0</sub> itself when it predicts epsilon,
   * √(1 − delta<sub>t</sub>) x<sub>t</sub> + √delta<sub>t</sub> v when it predicts v (defined at delta<sub>t</sub> = 0
   * too), else from x̂<sub>0</sub>.
   */
  @Override
  public NDArray epsilon(NDArray z, NDArray t, NDArray hat) {
    return switch (parameter) {
      case EPSILON -> hat.get(0);
      case V -> scales(z, t).epsilonFromV(z, hat.get(0));
      default -> GaussianDiffusion.super.epsilon(z, t, hat);
    };
  }

  /** Whether the net predicts epsilon, which a schedule that leaves no signal at T does not fit. */
  @Override
  public boolean predictsEpsilon() {
    return parameter == Parameter.EPSILON;
  }

  /** delta<sub>t</sub>, the cumulative product of alpha, read from a copy on the host: no device synchronisation. */
  @Override
  public double delta(int t) {
    return deltaValues[t];
  }

  @Override
  public Optional<String> prediction() {
    return Optional.of(parameter.name().toLowerCase(Locale.ROOT));
  }

  /**
   * What the net predicts.
   *
   * @return the parameter
   */
  public Parameter parameter() {
    return parameter;
  }

  /**
   * How the variance is found.
   *
   * @return the variance
   */
  public Variance variance() {
    return variance;
  }

  /**
   * The scale of the offset noise; 0 for none.
   *
   * @return the scale, ≥ 0
   */
  public float offset() {
    return offset;
  }

  @Override
  public String toString() {
    return "Gaussian(" + parameter + ", " + variance + (offset == 0 ? "" : ", offset " + offset) + ")";
  }
}
