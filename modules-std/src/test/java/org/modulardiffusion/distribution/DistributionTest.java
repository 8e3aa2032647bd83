package org.modulardiffusion.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modulardiffusion.Reference.assertMatches;
import static org.modulardiffusion.Reference.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Normal and Categorical nll and dkl against the Python library, and their samples' moments. */
class DistributionTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private Normal normal(String prefix) {
    return new Normal(tensor(manager, "normal/" + prefix + "mu"), tensor(manager, "normal/" + prefix + "sigma"));
  }

  @Test
  void normalNegativeLogLikelihood() {
    assertMatches("normal/nll", normal("").nll(tensor(manager, "normal/x")));
  }

  @Test
  void normalDivergence() {
    assertMatches("normal/dkl", normal("").dkl(normal("other_")));
  }

  @Test
  void categoricalNegativeLogLikelihood() {
    Categorical p = new Categorical(tensor(manager, "categorical/p"));
    assertMatches("categorical/nll", p.nll(tensor(manager, "categorical/x")));
  }

  @Test
  void categoricalDivergence() {
    Categorical p = new Categorical(tensor(manager, "categorical/p"));
    assertMatches("categorical/dkl", p.dkl(new Categorical(tensor(manager, "categorical/other_p"))));
  }

  @Test
  void normalSamplesHaveTheDistributionsMoments() {
    manager.getEngine().setRandomSeed(1);
    int n = 200_000;
    Normal normal = new Normal(manager.full(new Shape(n), 3f), manager.full(new Shape(n), 0.5f));
    NDArray value = normal.sample().value();
    // Standard errors: 0.5/sqrt(n) = 0.0011 for the mean; about 0.0008 for the deviation.
    assertEquals(3, value.mean().getFloat(), 0.006);
    assertEquals(0.5, value.sub(3).square().mean().sqrt().getFloat(), 0.005);
  }

  @Test
  void categoricalSamplesAreOneHotWithTheGivenFrequencies() {
    manager.getEngine().setRandomSeed(2);
    int n = 100_000;
    NDArray p = manager.create(new float[] {0.1f, 0.0f, 0.6f, 0.3f}).broadcast(new Shape(n, 4));
    NDArray value = new Categorical(p).sample().value();
    float[] ones = value.sum(new int[] {1}).toFloatArray();
    for (float one : ones) {
      assertEquals(1, one);
    }
    float[] frequency = value.mean(new int[] {0}).toFloatArray();
    // Standard error of a frequency: sqrt(p(1-p)/n) <= 0.0016.
    assertEquals(0.1, frequency[0], 0.008);
    assertEquals(0.0, frequency[1]);
    assertEquals(0.6, frequency[2], 0.008);
    assertEquals(0.3, frequency[3], 0.008);
  }
}
