package org.modulardiffusion.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.GaussianDiffusion.Scales;

/**
 * The scales, log-SNR and conversions between x<sub>0</sub>, ε and v of Gaussian diffusion,
 * against hand calculations on ᾱ = 0.64 (a = 0.8, σ = 0.6) and ᾱ = 0.36 (a = 0.6, σ = 0.8).
 */
class GaussianDiffusionTest {
  private static final double[] DELTA = {0.99, 0.64, 0.36, 0.25};

  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** ᾱ from a table, whose net predicts x<sub>0</sub>: the interface's defaults give ε and v. */
  private final class Table implements GaussianDiffusion {
    @Override
    public double delta(int t) {
      return DELTA[t];
    }

    @Override
    public Scales scales(NDArray z, NDArray t) {
      NDArray delta = manager.create(DELTA).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).get(t).reshape(-1, 1);
      return new Scales(delta.sqrt(), delta.neg().add(1).sqrt());
    }

    @Override
    public NDArray x0(NDArray z, NDArray t, NDArray hat) {
      return hat.get(0);
    }
  }

  private NDArray column(float... values) {
    return manager.create(values).reshape(-1, 1);
  }

  private static void assertValues(float[] expected, NDArray actual) {
    assertArrayEquals(expected, actual.toFloatArray(), 1e-6f);
  }

  @Test
  void theConversionsRoundTrip() {
    // Two samples: x0 = 1.5, ε = −0.5 at a = 0.8, σ = 0.6; x0 = −2, ε = 1 at a = 0.6, σ = 0.8.
    Scales scales = new Scales(column(0.8f, 0.6f), column(0.6f, 0.8f));
    NDArray x0 = column(1.5f, -2);
    NDArray epsilon = column(-0.5f, 1);
    // x_t = a x0 + σ ε: 1.2 − 0.3 = 0.9 and −1.2 + 0.8 = −0.4.
    NDArray z = scales.noised(x0, epsilon);
    assertValues(new float[] {0.9f, -0.4f}, z);
    // v = a ε − σ x0: −0.4 − 0.9 = −1.3 and 0.6 + 1.6 = 2.2.
    NDArray v = scales.v(x0, epsilon);
    assertValues(new float[] {-1.3f, 2.2f}, v);
    // x0 = a x_t − σ v: 0.72 + 0.78 = 1.5 and −0.24 − 1.76 = −2.
    assertValues(new float[] {1.5f, -2}, scales.x0FromV(z, v));
    // ε = σ x_t + a v: 0.54 − 1.04 = −0.5 and −0.32 + 1.32 = 1.
    assertValues(new float[] {-0.5f, 1}, scales.epsilonFromV(z, v));
    // x0 = (x_t − σ ε)/a: (0.9 + 0.3)/0.8 = 1.5 and (−0.4 − 0.8)/0.6 = −2.
    assertValues(new float[] {1.5f, -2}, scales.x0FromEpsilon(z, epsilon));
    // ε = (x_t − a x0)/σ: (0.9 − 1.2)/0.6 = −0.5 and (−0.4 + 1.2)/0.8 = 1.
    assertValues(new float[] {-0.5f, 1}, scales.epsilonFromX0(z, x0));
  }

  @Test
  void theNetsEstimatesOfEpsilonAndVFollowFromItsX0() {
    NDArray t = manager.create(new long[] {1, 2});
    NDArray z = column(0.9f, -0.4f);
    NDArray hat = column(1.5f, -2).expandDims(0);
    GaussianDiffusion noise = new Table();
    assertValues(new float[] {1.5f, -2}, noise.x0(z, t, hat));
    assertValues(new float[] {-0.5f, 1}, noise.epsilon(z, t, hat));
    assertValues(new float[] {-1.3f, 2.2f}, noise.v(z, t, hat));
  }

  @Test
  void logSnrIsInterpolatedLinearlyBetweenSteps() {
    GaussianDiffusion noise = new Table();
    double lambda = 2 * Math.log(4.0 / 3); // log(0.64/0.36) = log(16/9)
    assertEquals(lambda, noise.logSnr(1), 1e-12);
    assertEquals(-lambda, noise.logSnr(2), 1e-12);
    assertEquals(0, noise.logSnr(1.5), 1e-12);
    // A quarter of the way: λ = ¾ log(16/9) − ¼ log(16/9) = log(4/3), so a² = (4/3)/(1 + 4/3) = 4/7.
    assertEquals(Math.log(4.0 / 3), noise.logSnr(1.25), 1e-12);
    assertEquals(Math.sqrt(4.0 / 7), noise.signalScale(1.25), 1e-12);
    assertEquals(Math.sqrt(3.0 / 7), noise.noiseScale(1.25), 1e-12);
    assertEquals(Math.sqrt(0.5), noise.signalScale(1.5), 1e-12);
    // On a step, the scales are √ᾱ and √(1 − ᾱ) themselves.
    assertEquals(0.8, noise.signalScale(1), 1e-15);
    assertEquals(0.6, noise.noiseScale(1), 1e-15);
    assertEquals(0.8, noise.noiseScale(2), 1e-15);
    assertEquals("t: expected a time ≥ 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> noise.logSnr(-0.5)).getMessage());
  }
}
