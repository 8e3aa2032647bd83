package org.modulardiffusion.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modulardiffusion.Reference.assertMatches;
import static org.modulardiffusion.Reference.indices;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modulardiffusion.schedule.Linear;

/** Uniform and Absorbing noise against the Python library: Q, R, prior, posterior, stationary. */
class CategoricalNoiseTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void aNoiseBuiltInJavaMeetsItsParams() {
    // k: @Param(min = 2) on both; m of Absorbing lies in [-k, k - 1], which its constructor checks.
    assertEquals("k: expected a finite value in [2, inf], got 1",
        assertThrows(IllegalArgumentException.class, () -> new Uniform(1)).getMessage());
    assertEquals("k: expected a finite value in [2, inf], got 1",
        assertThrows(IllegalArgumentException.class, () -> new Absorbing(1)).getMessage());
    assertEquals("m must lie in [-4, 3], got -5",
        assertThrows(IllegalArgumentException.class, () -> new Absorbing(4, -5)).getMessage());
    assertEquals(0, new Absorbing(4, -4).m());
  }

  private CategoricalNoise noise(String name) {
    CategoricalNoise noise = name.startsWith("Uniform") ? new Uniform(4) : new Absorbing(4);
    noise.schedule(new Linear(5, 0.9f, 0.7f).compute(manager));
    return noise;
  }

  private NDArray oneHot(String path) {
    return indices(manager, "categorical_noise/" + path).oneHot(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Uniform(k=4)", "Absorbing(k=4)"})
  void transitionsPriorPosteriorAndStationary(String name) {
    String at = "categorical_noise/" + name + "/";
    CategoricalNoise noise = noise(name);
    NDArray tqr = indices(manager, "categorical_noise/t_qr");
    assertMatches(at + "q", noise.q(tqr));
    assertMatches(at + "r", noise.r(tqr));
    NDArray x = oneHot("x_index");
    NDArray z = oneHot("z_index");
    NDArray t = indices(manager, "categorical_noise/t");
    assertMatches(at + "prior_p", noise.prior(x, t).p());
    assertMatches(at + "posterior_p", noise.posterior(x, z, t).p());
    assertMatches(at + "stationary_p", noise.stationary(manager, new Shape(2, 3, 4)).p());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Uniform(k=4)", "Absorbing(k=4)"})
  void everyTransitionRowSumsToOne(String name) {
    CategoricalNoise noise = noise(name);
    NDArray t = manager.arange(0, 6).toType(ai.djl.ndarray.types.DataType.INT64, false);
    for (NDArray matrix : new NDArray[] {noise.q(t), noise.r(t)}) {
      for (float sum : matrix.sum(new int[] {2}).toFloatArray()) {
        assertEquals(1, sum, 1e-6);
      }
    }
  }
}
