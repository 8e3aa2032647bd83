package org.modulardiffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Draws;
import org.modulardiffusion.schedule.Cosine;

/** Euler ancestral: Euler without fresh noise, and its noise drawn per example when seeded. */
class EulerAncestralTest {
  private static final double[] START = {-2, 0.5, 1, 3};

  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void etaZeroIsEuler() {
    GaussianData data = new GaussianData(manager, 0.4, 0.3, new Cosine(100));
    assertArrayEquals(data.solve(new Euler(10, Spacing.TRAILING, 7, 0), START, 100),
        data.solve(new EulerAncestral(0, 10, Spacing.TRAILING, 7, 0), START, 100), 1e-12);
  }

  /** A sample's noise depends on the seed and its index alone: the second example alone is the same. */
  @Test
  void drawsEachExamplesNoiseFromItsSeedAndIndex() {
    GaussianData data = new GaussianData(manager, 0.4, 0.3, new Cosine(100));
    EulerAncestral sampler = new EulerAncestral(1, 10, Spacing.TRAILING, 7, 0);
    double[] all = Draws.perExample(5, 0, () -> data.solve(sampler, START, 100));
    double[] second = Draws.perExample(5, 1, () -> data.solve(sampler, new double[] {START[1]}, 100));
    assertEquals(all[1], second[0], 1e-6);
    double[] deterministic = data.solve(new Euler(10, Spacing.TRAILING, 7, 0), START, 100);
    assertEquals(false, Math.abs(all[1] - deterministic[1]) < 1e-6, "fresh noise changes the sample");
  }
}
