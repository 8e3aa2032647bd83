package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.schedule.Linear;

/**
 * The tutorial's Linear schedule and DDPM noise, and the standard Linear and Gaussian(epsilon,
 * fixed) beside them, against the closed forms worked out by hand for T = 3, alpha = 0.9, 0.8,
 * 0.7, 0.6 (so delta = 0.9, 0.72, 0.504, 0.3024), at x<sub>0</sub> = 1, x<sub>t</sub> = 2,
 * ε̂ = 0.5 and t = 1, 2, 3.
 */
class ClosedFormTest {
  private static final float[] ALPHA = {0.9f, 0.8f, 0.7f, 0.6f};
  /** √delta<sub>t</sub> and √(1 − delta<sub>t</sub>). */
  private static final float[] PRIOR_MU = {0.8485281f, 0.7099296f, 0.5499091f};
  private static final float[] PRIOR_SIGMA = {0.5291503f, 0.7042727f, 0.8352245f};
  /** (√alpha<sub>t</sub>(1 − delta<sub>t-1</sub>)·2 + √delta<sub>t-1</sub>(1 − alpha<sub>t</sub>)·1) / (1 − delta<sub>t</sub>). */
  private static final float[] POSTERIOR_MU = {1.3165075f, 1.4578388f, 1.5085604f};
  /** √((1 − alpha<sub>t</sub>)(1 − delta<sub>t-1</sub>) / (1 − delta<sub>t</sub>)). */
  private static final float[] SIGMA = {0.2672612f, 0.4115274f, 0.5332951f};
  /** (2 − (1 − alpha<sub>t</sub>)/√(1 − delta<sub>t</sub>)·0.5) / √alpha<sub>t</sub>. */
  private static final float[] APPROXIMATE_MU = {2.0247794f, 2.1358906f, 2.2728518f};
  private static final float TOLERANCE = 1e-5f;

  private final NDManager manager = NDManager.newBaseManager();
  private final NDArray t = manager.create(new long[] {1, 2, 3});
  private final NDArray x = manager.ones(new Shape(3, 1));
  private final NDArray z = x.mul(2);
  private final NDArray hat = x.mul(0.5f).expandDims(0);
  private final DDPM ddpm = new DDPM();
  private final Gaussian gaussian = new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED);

  ClosedFormTest() {
    ddpm.schedule(manager.create(ALPHA));
    gaussian.schedule(manager.create(ALPHA));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void linearSchedulesSpaceAlphaEvenly() {
    assertClose(ALPHA, new TutorialLinear(3, 0.9f, 0.6f).compute(manager));
    assertClose(ALPHA, new Linear(3, 0.9f, 0.6f).compute(manager));
  }

  @Test
  void priorIsTheClosedForm() {
    TutorialNormal ours = ddpm.prior(x, t);
    Normal standard = gaussian.prior(x, t);
    assertClose(PRIOR_MU, ours.mu());
    assertClose(PRIOR_MU, standard.mu());
    assertClose(PRIOR_SIGMA, ours.sigma());
    assertClose(PRIOR_SIGMA, standard.sigma());
  }

  @Test
  void posteriorIsTheClosedForm() {
    TutorialNormal ours = ddpm.posterior(x, z, t);
    Normal standard = gaussian.posterior(x, z, t);
    assertClose(POSTERIOR_MU, ours.mu());
    assertClose(POSTERIOR_MU, standard.mu());
    assertClose(SIGMA, ours.sigma());
    assertClose(SIGMA, standard.sigma());
  }

  @Test
  void approximatePosteriorIsTheClosedForm() {
    TutorialNormal ours = ddpm.approximate(z, t, hat);
    Normal standard = gaussian.approximate(z, t, hat);
    assertClose(APPROXIMATE_MU, ours.mu());
    assertClose(APPROXIMATE_MU, standard.mu());
    assertClose(SIGMA, ours.sigma());
    assertClose(SIGMA, standard.sigma());
  }

  @Test
  void stationaryIsStandardNormal() {
    TutorialNormal stationary = ddpm.stationary(manager, new Shape(3));
    assertClose(new float[] {0, 0, 0}, stationary.mu());
    assertClose(new float[] {1, 1, 1}, stationary.sigma());
  }

  private static void assertClose(float[] expected, NDArray actual) {
    assertArrayEquals(expected, actual.toFloatArray(), TOLERANCE);
  }
}
