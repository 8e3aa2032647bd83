package org.modulardiffusion.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modulardiffusion.Reference.assertMatches;
import static org.modulardiffusion.Reference.indices;
import static org.modulardiffusion.Reference.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Batch;
import org.modulardiffusion.base.Loss;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.schedule.Cosine;

/** VLB and Simple against the Python library, and the arithmetic of combined losses. */
class LossTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** The reference case: q = posterior(x, z, t), p = approximate(z, t, hat), epsilon noise. */
  private Batch<Normal> referenceBatch() {
    Gaussian noise = new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED);
    noise.schedule(new Cosine(10).compute(manager));
    NDArray x = tensor(manager, "gaussian_case/inputs/x");
    NDArray z = tensor(manager, "gaussian_case/inputs/z");
    NDArray hat = tensor(manager, "gaussian_case/inputs/hat");
    NDArray t = indices(manager, "gaussian_case/inputs/t");
    NDArray epsilon = tensor(manager, "loss/Simple_epsilon_input_epsilon");
    return new Batch<>(
        x, x, null, t, epsilon, z, hat, noise.posterior(x, z, t), noise.approximate(z, t, hat));
  }

  @Test
  void variationalLowerBound() {
    assertMatches("loss/VLB", new VLB<Normal>().compute(referenceBatch()).getFloat());
  }

  @Test
  void simpleOnEpsilon() {
    Simple<Normal> simple = new Simple<>(Simple.Target.EPSILON, 0);
    assertMatches("loss/Simple_epsilon", simple.compute(referenceBatch()).getFloat());
  }

  @Test
  void combinedLossesAreLinearCombinations() {
    Batch<Normal> batch = referenceBatch();
    double vlb = 19.23189926147461; // reference VLB
    double simple = 0.1236666664481163; // reference Simple(epsilon)
    Loss<Normal> hybrid =
        new Simple<Normal>(Simple.Target.EPSILON, 0).plus(new VLB<Normal>().times(0.001));
    assertEquals(simple + 0.001 * vlb, hybrid.compute(batch).getFloat(), 1e-6);
    Loss<Normal> difference = new VLB<Normal>().div(4).minus(new Simple<>(Simple.Target.EPSILON, 0));
    assertEquals(vlb / 4 - simple, difference.compute(batch).getFloat(), 1e-5);
  }

  @Test
  void lambdaComputesItsFunction() {
    Loss<Normal> meanOfX = new Lambda<>(batch -> batch.x().mean());
    // x of the reference case: -1, -0.6, -0.2, 0.2, 0.6, 1, whose mean is 0.
    assertEquals(0, meanOfX.compute(referenceBatch()).getFloat(), 1e-7);
  }
}
