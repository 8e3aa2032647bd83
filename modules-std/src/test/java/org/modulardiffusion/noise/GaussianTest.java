package org.modulardiffusion.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modulardiffusion.Reference.assertMatches;
import static org.modulardiffusion.Reference.indices;
import static org.modulardiffusion.Reference.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian.Parameter;
import org.modulardiffusion.noise.Gaussian.Variance;
import org.modulardiffusion.schedule.Constant;
import org.modulardiffusion.schedule.Cosine;

/**
 * Gaussian noise against the Python library: its tables q1…q5 and p1…p4 for every t = 0…T
 * (read off prior, posterior and approximate at unit inputs), and the three distributions on
 * the reference case; its estimates of x<sub>0</sub>, ε and v against a hand calculation.
 */
class GaussianTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private Gaussian scheduled(Parameter parameter, Variance variance) {
    Gaussian noise = new Gaussian(parameter, variance);
    noise.schedule(new Cosine(10).compute(manager));
    return noise;
  }

  /** t = 0, …, 10, one per sample. */
  private NDArray everyT() {
    return manager.arange(0, 11).toType(ai.djl.ndarray.types.DataType.INT64, false);
  }

  private void checkTables(String name, Parameter parameter) {
    String table = "gaussian_tables/" + name + "/";
    Gaussian noise = scheduled(parameter, Variance.FIXED);
    NDArray t = everyT();
    NDArray ones = manager.ones(new Shape(11));
    NDArray zeros = manager.zeros(new Shape(11));
    Normal prior = noise.prior(ones, t);
    assertMatches(table + "q1", prior.mu());
    assertMatches(table + "q2", prior.sigma());
    assertMatches(table + "q3", noise.posterior(zeros, ones, t).mu());
    Normal posterior = noise.posterior(ones, zeros, t);
    assertMatches(table + "q4", posterior.mu());
    assertMatches(table + "q5", posterior.sigma());
    assertMatches(table + "p1", noise.approximate(ones, t, zeros.reshape(1, 11)).mu());
    assertMatches(table + "p2", noise.approximate(zeros, t, ones.reshape(1, 11)).mu());

    Gaussian range = scheduled(parameter, Variance.RANGE);
    NDArray hatOne = zeros.stack(ones);
    NDArray hatZero = zeros.stack(zeros);
    assertMatches(table + "p3", range.approximate(zeros, t, hatOne).sigma().log());
    assertMatches(table + "p4", range.approximate(zeros, t, hatZero).sigma().log());
  }

  @Test
  void tablesOfTheXParametrization() {
    checkTables("x", Parameter.X);
  }

  @Test
  void tablesOfTheEpsilonParametrization() {
    checkTables("epsilon", Parameter.EPSILON);
  }

  @Test
  void priorPosteriorAndApproximateOfTheReferenceCase() {
    NDArray x = tensor(manager, "gaussian_case/inputs/x");
    NDArray z = tensor(manager, "gaussian_case/inputs/z");
    NDArray hat = tensor(manager, "gaussian_case/inputs/hat");
    NDArray t = indices(manager, "gaussian_case/inputs/t");
    Gaussian epsilon = scheduled(Parameter.EPSILON, Variance.FIXED);
    assertMatches("gaussian_case/epsilon/prior_mu", epsilon.prior(x, t).mu());
    assertMatches("gaussian_case/epsilon/prior_sigma", epsilon.prior(x, t).sigma());
    assertMatches("gaussian_case/epsilon/posterior_mu", epsilon.posterior(x, z, t).mu());
    assertMatches("gaussian_case/epsilon/posterior_sigma", epsilon.posterior(x, z, t).sigma());
    assertMatches("gaussian_case/epsilon/approximate_mu", epsilon.approximate(z, t, hat).mu());
    assertMatches("gaussian_case/epsilon/approximate_sigma", epsilon.approximate(z, t, hat).sigma());
    Gaussian xNoise = scheduled(Parameter.X, Variance.FIXED);
    assertMatches("gaussian_case/x/approximate_mu", xNoise.approximate(z, t, hat).mu());
    assertMatches("gaussian_case/x/approximate_sigma", xNoise.approximate(z, t, hat).sigma());
  }

  @Test
  void priorAtTheLastStepOfCosine1000IsStandardNormal() {
    Gaussian noise = new Gaussian();
    noise.schedule(new Cosine(1000).compute(manager));
    // The product of alpha telescopes: delta_T = f(T + 1)/f(0), f(t) = cos²((t/(T+2) + s)/(1 + s)·π/2).
    double s = 0.008;
    double last = Math.cos((1001.0 / 1002 + s) / (1 + s) * Math.PI / 2);
    double first = Math.cos(s / (1 + s) * Math.PI / 2);
    double delta = last * last / (first * first);
    NDArray x = manager.create(new float[] {-1, 0, 1});
    Normal prior = noise.prior(x, manager.create(new long[] {1000, 1000, 1000}));
    float[] mu = prior.mu().toFloatArray();
    float[] sigma = prior.sigma().broadcast(new Shape(3)).toFloatArray();
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.sqrt(delta) * (i - 1), mu[i], 1e-5);
      assertEquals(1, sigma[i], 1e-3);
      // D_KL(q(x_T | x_0) || N(0, 1)) for data in [-1, 1].
      double kl = -Math.log(sigma[i]) + (sigma[i] * sigma[i] + mu[i] * mu[i]) / 2 - 0.5;
      assertEquals(0, kl, 1e-3);
    }
  }

  @Test
  void theNetPredictsTwoParametersOnlyWhenTheVarianceIsPredicted() {
    assertEquals(1, new Gaussian(Parameter.EPSILON, Variance.FIXED).parameters());
    assertEquals(2, new Gaussian(Parameter.EPSILON, Variance.RANGE).parameters());
    assertEquals(2, new Gaussian(Parameter.X, Variance.LEARNED).parameters());
  }

  @Test
  void learnedVarianceIsTheSecondPrediction() {
    Gaussian noise = scheduled(Parameter.X, Variance.LEARNED);
    NDArray hat = manager.create(new float[] {0.5f, 0.25f}).reshape(2, 1);
    Normal p = noise.approximate(manager.zeros(new Shape(1)), manager.create(new long[] {3}), hat);
    assertEquals(0.25f, p.sigma().getFloat(0));
  }

  /**
   * Gaussian is a GaussianDiffusion: with alpha = 0.8 at every step, delta<sub>1</sub> = 0.64, so a =
   * 0.8 and σ = 0.6 at t = 1. For x<sub>0</sub> = 1.5 and ε = −0.5, x<sub>1</sub> = 1.2 − 0.3 = 0.9 and
   * v = 0.8·(−0.5) − 0.6·1.5 = −1.3, whichever of x<sub>0</sub>, ε, the posterior mean or v the net
   * predicts: mu = q3·x<sub>1</sub> + q4·x<sub>0</sub>, where q3 = q4 = √0.8·(1 − 0.8)/(1 − 0.64); from v,
   * x<sub>0</sub> = 0.8·0.9 − 0.6·(−1.3) = 1.5 and ε = 0.6·0.9 + 0.8·(−1.3) = −0.5.
   */
  @ParameterizedTest
  @CsvSource({"X, 1.5", "EPSILON, -0.5", "MU, 1.19256959", "V, -1.3"})
  void estimatesX0EpsilonAndVFromWhatTheNetPredicts(Parameter parameter, float prediction) {
    assertEquals(1.19256959, Math.sqrt(0.8) * 0.2 / 0.36 * (0.9 + 1.5), 1e-8);
    Gaussian noise = new Gaussian(parameter, Variance.FIXED);
    noise.schedule(new Constant(2, 0.8f).compute(manager));
    NDArray z = manager.create(new float[] {0.9f});
    NDArray t = manager.create(new long[] {1});
    NDArray hat = manager.create(new float[] {prediction}).reshape(1, 1);
    assertEquals(0.64, noise.delta(1), 1e-6);
    assertEquals(0.8f, noise.scales(z, t).signal().getFloat(0), 1e-6f);
    assertEquals(0.6f, noise.scales(z, t).noise().getFloat(0), 1e-6f);
    assertEquals(2 * Math.log(4.0 / 3), noise.logSnr(1), 1e-5); // log(0.64/0.36)
    assertEquals(1.5f, noise.x0(z, t, hat).getFloat(0), 1e-5f);
    assertEquals(-0.5f, noise.epsilon(z, t, hat).getFloat(0), 1e-5f);
    assertEquals(-1.3f, noise.v(z, t, hat).getFloat(0), 1e-5f);
  }

  /**
   * The approximate posterior of a v-predicting net is that of an x-predicting one at its x̂<sub>0</sub>:
   * on the case above mu = q3·(0.9 + 1.5) = 1.19256959, and sigma is q5 either way.
   */
  @Test
  void vPredictionsApproximatePosteriorIsTheOneAtItsEstimate() {
    Gaussian noise = new Gaussian(Parameter.V, Variance.FIXED);
    noise.schedule(new Constant(2, 0.8f).compute(manager));
    NDArray z = manager.create(new float[] {0.9f});
    NDArray t = manager.create(new long[] {1});
    Normal p = noise.approximate(z, t, manager.create(new float[] {-1.3f}).reshape(1, 1));
    assertEquals(1.19256959f, p.mu().getFloat(0), 1e-5f);
    // q5² = (1 − 0.8)(1 − 0.8)/(1 − 0.64) = 1/9
    assertEquals(1 / 3f, p.sigma().getFloat(0), 1e-6f);
    assertEquals(false, noise.predictsEpsilon());
    assertEquals(true, new Gaussian(Parameter.EPSILON, Variance.FIXED).predictsEpsilon());
  }

  /** x<sub>0</sub> ↔ ε ↔ v round-trip through the scales, on random values at every step of Cosine(10). */
  @Test
  void conversionsBetweenX0EpsilonAndVRoundTrip() {
    manager.getEngine().setRandomSeed(5);
    Gaussian noise = scheduled(Parameter.V, Variance.FIXED);
    NDArray t = manager.arange(1, 11).toType(ai.djl.ndarray.types.DataType.INT64, false);
    NDArray x0 = manager.randomNormal(new Shape(10, 3));
    NDArray epsilon = manager.randomNormal(new Shape(10, 3));
    org.modulardiffusion.base.GaussianDiffusion.Scales scales = noise.scales(x0, t);
    NDArray z = scales.noised(x0, epsilon);
    NDArray v = scales.v(x0, epsilon);
    float[] expected = x0.toFloatArray();
    org.modulardiffusion.Reference.assertClose("x0 from v", expected, scales.x0FromV(z, v).toFloatArray(), 1e-4, 1e-5);
    org.modulardiffusion.Reference.assertClose("x0 from epsilon", expected,
        scales.x0FromEpsilon(z, scales.epsilonFromV(z, v)).toFloatArray(), 1e-3, 1e-4);
    org.modulardiffusion.Reference.assertClose("epsilon from x0", epsilon.toFloatArray(),
        scales.epsilonFromX0(z, scales.x0FromV(z, v)).toFloatArray(), 1e-3, 1e-4);
    org.modulardiffusion.Reference.assertClose("v from the net's v", v.toFloatArray(),
        noise.v(z, t, v.expandDims(0)).toFloatArray(), 1e-4, 1e-5);
  }

  /**
   * Offset noise: the prior's sample is made with ε + c·δ, where ε is what the same seed draws
   * without an offset and δ the next draw, one value per example and channel: here c = 0.1 on
   * [2, 3, 4, 4] data, and z = √delta<sub>t</sub> x + √(1 − delta<sub>t</sub>) (ε + c·δ).
   */
  @Test
  void offsetNoiseAddsOneDrawPerExampleAndChannel() {
    Shape shape = new Shape(2, 3, 4, 4);
    Gaussian plain = new Gaussian(Parameter.V, Variance.FIXED, 0);
    Gaussian offset = new Gaussian(Parameter.V, Variance.FIXED, 0.1f);
    NDArray alpha = new Constant(2, 0.8f).compute(manager);
    plain.schedule(alpha);
    offset.schedule(alpha);
    NDArray x = manager.ones(shape);
    NDArray t = manager.create(new long[] {1, 2});
    org.modulardiffusion.base.Sample without =
        org.modulardiffusion.base.Draws.perExample(9, 0, () -> plain.prior(x, t).sample());
    NDArray delta = org.modulardiffusion.base.Draws.perExample(9, 0, () -> {
      org.modulardiffusion.base.Draws.normal(manager, shape);
      return org.modulardiffusion.base.Draws.normal(manager, new Shape(2, 3, 1, 1));
    });
    org.modulardiffusion.base.Sample with =
        org.modulardiffusion.base.Draws.perExample(9, 0, () -> offset.prior(x, t).sample());
    float[] epsilon = without.noise().toFloatArray();
    float[] shift = delta.toFloatArray();
    float[] noise = with.noise().toFloatArray();
    float[] z = with.value().toFloatArray();
    for (int i = 0; i < epsilon.length; i++) {
      int example = i / 48;
      int channel = i / 16 % 3;
      float expected = epsilon[i] + 0.1f * shift[example * 3 + channel];
      assertEquals(expected, noise[i], 1e-6f, "noise " + i);
      double deltaT = example == 0 ? 0.64 : 0.512; // alpha_0·alpha_1, alpha_0·alpha_1·alpha_2
      assertEquals(Math.sqrt(deltaT) + Math.sqrt(1 - deltaT) * expected, z[i], 1e-5, "z " + i);
    }
    assertEquals(false, shift[0] == shift[1], "δ differs between channels");
  }
}
