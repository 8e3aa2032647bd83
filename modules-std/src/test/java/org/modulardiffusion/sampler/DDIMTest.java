package org.modulardiffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modulardiffusion.Reference.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.schedule.Cosine;

/** DDIM's time steps, and its identity with the ancestral step at eta = 1. */
class DDIMTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void visitsEvenlySpacedTimesFromTToZero() {
    assertArrayEquals(new int[] {1000, 800, 600, 400, 200, 0}, new DDIM(0, 5, Spacing.TRAILING, 7, 0).times(scheduled(1000), 1000));
    assertArrayEquals(new int[] {3, 2, 1, 0}, new DDIM(0, 50, Spacing.TRAILING, 7, 0).times(scheduled(3), 3));
    assertArrayEquals(new int[] {10, 7, 3, 0}, new DDIM(0, 3, Spacing.TRAILING, 7, 0).times(scheduled(10), 10)); // 10·2/3 = 6.67 rounds to 7
  }

  private Gaussian scheduled(int steps) {
    Gaussian noise = new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED);
    noise.schedule(new Cosine(steps).compute(manager));
    return noise;
  }

  /**
   * With eta = 1 from t to t − 1, σ² = (1 − delta<sub>t-1</sub>)/(1 − delta<sub>t</sub>)·(1 − alpha<sub>t</sub>)
   * is the posterior variance and the mean is the posterior mean at the estimated x<sub>0</sub>:
   * the ancestral step's distribution.
   */
  @ParameterizedTest
  @CsvSource({"X, 7", "X, 1", "EPSILON, 7", "EPSILON, 1", "EPSILON, 10", "MU, 4"})
  void etaOneOverConsecutiveStepsIsTheAncestralStep(Gaussian.Parameter parameter, int t) {
    manager.getEngine().setRandomSeed(3);
    Gaussian noise = new Gaussian(parameter, Gaussian.Variance.FIXED);
    noise.schedule(new Cosine(10).compute(manager));
    NDArray z = manager.randomNormal(new Shape(4, 3));
    NDArray hat = manager.randomNormal(new Shape(1, 4, 3));
    NDArray time = manager.full(new Shape(4), t).toType(ai.djl.ndarray.types.DataType.INT64, false);
    Normal ancestral = noise.approximate(z, time, hat);
    Normal ddim = new DDIM(1, 10, Spacing.TRAILING, 7, 0).transition(noise, z, time, t, t - 1, hat, 0);
    assertClose("mu", ancestral.mu().toFloatArray(), ddim.mu().toFloatArray(), 1e-4, 1e-5);
    assertClose("sigma", ancestral.sigma().broadcast(z.getShape()).toFloatArray(), ddim.sigma().toFloatArray(), 1e-4, 1e-5);
  }

  @ParameterizedTest
  @CsvSource({"1, 0, 1", "-1, 1, 1", "-1, 0, 0", "0, 1, 0"})
  void clipsTheEstimateOfTheCleanDataToItsOwnBoundOrTheDatas(double clip, double dataBound, double clipped) {
    Gaussian noise = new Gaussian(Gaussian.Parameter.X, Gaussian.Variance.FIXED);
    noise.schedule(new Cosine(10).compute(manager));
    NDArray z = manager.zeros(new Shape(2));
    NDArray hat = manager.create(new float[] {3, -0.5f}).reshape(1, 2);
    NDArray time = manager.create(new long[] {10, 10});
    // eta = 0 from t to s = 0: x_s = √delta_0 x̂ + √(1 − delta_0) ε̂, ε̂ = (z − √delta_10 x̂)/√(1 − delta_10);
    // with z = 0 the mean is x̂ (√delta_0 − √(1 − delta_0) √delta_10/√(1 − delta_10)), x̂ = (3, −0.5)
    // clipped to [−clipped, clipped] (clip −1: the data's bound; 0: none).
    double delta0 = noise.delta(0);
    double delta10 = noise.delta(10);
    double factor = Math.sqrt(delta0) - Math.sqrt(1 - delta0) * Math.sqrt(delta10) / Math.sqrt(1 - delta10);
    float[] mu = new DDIM(0, 1, Spacing.TRAILING, 7, clip).transition(noise, z, time, 10, 0, hat, dataBound).mu().toFloatArray();
    float x = clipped > 0 ? (float) clipped : 3;
    assertClose("mean", new float[] {(float) (x * factor), (float) (-0.5 * factor)}, mu, 1e-5, 1e-6);
  }

  @Test
  void rejectsNonsenseSettingsInTheWordsOfItsParams() {
    // @Param(min = 0) eta, @Param(min = 1) steps, @Param(min = -1) clip: finite values only; clip -1 or ≥ 0.
    assertEquals("eta: expected a finite value in [0, inf], got -0.1",
        assertThrows(IllegalArgumentException.class, () -> new DDIM(-0.1, 10, Spacing.TRAILING, 7, 0)).getMessage());
    assertEquals("eta: expected a finite value in [0, inf], got NaN",
        assertThrows(IllegalArgumentException.class, () -> new DDIM(Double.NaN, 10, Spacing.TRAILING, 7, 0)).getMessage());
    assertEquals("steps: expected a finite value in [1, inf], got 0",
        assertThrows(IllegalArgumentException.class, () -> new DDIM(0, 0, Spacing.TRAILING, 7, 0)).getMessage());
    assertEquals("clip: expected a finite value in [-1, inf], got Infinity",
        assertThrows(IllegalArgumentException.class, () -> new DDIM(0, 10, Spacing.TRAILING, 7, Double.POSITIVE_INFINITY)).getMessage());
    assertEquals("clip: expected a bound ≥ 0, or -1 for the data's own; got -0.5",
        assertThrows(IllegalArgumentException.class, () -> new DDIM(0, 10, Spacing.TRAILING, 7, -0.5)).getMessage());
  }
}
