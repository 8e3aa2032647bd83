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

  /**
   * A hand-made batch on Constant(2, 0.8): x<sub>0</sub> = (1.5, 1), ε = (−0.5, 0.5) at t = (1, 2),
   * where delta = (0.64, 0.512) (alpha<sub>0</sub>·alpha<sub>1</sub>, and one more), a = (0.8, √0.512) and
   * σ = (0.6, √0.488); so v = a ε − σ x<sub>0</sub> = (−1.3, 0.5·√0.512 − √0.488) = (−1.3, −0.3407990915)
   * and SNR = delta/(1 − delta) = (16/9, 0.512/0.488 = 1.0491803279).
   */
  private Batch<Normal> handBatch(float... hat) {
    Gaussian noise = new Gaussian(Gaussian.Parameter.V, Gaussian.Variance.FIXED);
    noise.schedule(new org.modulardiffusion.schedule.Constant(2, 0.8f).compute(manager));
    NDArray x = manager.create(new float[] {1.5f, 1f}).reshape(2, 1);
    NDArray epsilon = manager.create(new float[] {-0.5f, 0.5f}).reshape(2, 1);
    NDArray t = manager.create(new long[] {1, 2});
    return new Batch<>(x, x, null, t, epsilon, null, manager.create(hat).reshape(1, 2, 1), null, null, noise);
  }

  @Test
  void simpleOnV() {
    // errors: (−1.3 + 1)² = 0.09 and 0.3407990915² = 0.1161440207; their mean.
    Simple<Normal> simple = new Simple<>(Simple.Target.V, 0);
    assertEquals(0.1030720104, simple.compute(handBatch(-1f, 0f)).getFloat(), 1e-6);
  }

  /**
   * min-SNR-γ with γ = 1.5: weights min(SNR, γ) for x, min(1, γ/SNR) for ε, min(SNR, γ)/(SNR + 1) for v:
   * x (1.5, 1.0491803279), ε (1.5·9/16 = 0.84375, 1), v (1.5·9/25 = 0.54, 1.0491803279/2.0491803279 = 0.512).
   */
  @Test
  void minSnrWeightsEachTargetByItsOwnFormula() {
    Batch<Normal> batch = handBatch(0f, 0f);
    assertClose(new float[] {1.5f, 1.0491803279f}, new Simple<Normal>(Simple.Target.X, 0, 1.5).weights(batch));
    assertClose(new float[] {0.84375f, 1f}, new Simple<Normal>(Simple.Target.EPSILON, 0, 1.5).weights(batch));
    assertClose(new float[] {0.54f, 0.512f}, new Simple<Normal>(Simple.Target.V, 0, 1.5).weights(batch));
    // γ = 5 clips neither SNR: x (16/9, 1.04918), ε (1, 1), v SNR/(SNR + 1) = delta (0.64, 0.512).
    assertClose(new float[] {16 / 9f, 1.0491803279f}, new Simple<Normal>(Simple.Target.X, 0, 5).weights(batch));
    assertClose(new float[] {1f, 1f}, new Simple<Normal>(Simple.Target.EPSILON, 0, 5).weights(batch));
    assertClose(new float[] {0.64f, 0.512f}, new Simple<Normal>(Simple.Target.V, 0, 5).weights(batch));
  }

  @Test
  void minSnrWeightedLosses() {
    // v: (0.54·0.09 + 0.512·0.1161440207)/2
    assertEquals(0.0540328693,
        new Simple<Normal>(Simple.Target.V, 0, 1.5).compute(handBatch(-1f, 0f)).getFloat(), 1e-6);
    // ε, predicted (−0.4, 0.2): (0.84375·0.01 + 1·0.09)/2
    assertEquals(0.04921875,
        new Simple<Normal>(Simple.Target.EPSILON, 0, 1.5).compute(handBatch(-0.4f, 0.2f)).getFloat(), 1e-6);
    // x, predicted (1, 1.5): (1.5·0.25 + 1.0491803279·0.25)/2
    assertEquals(0.3186475410,
        new Simple<Normal>(Simple.Target.X, 0, 1.5).compute(handBatch(1f, 1.5f)).getFloat(), 1e-6);
    // γ = 0 is the plain loss
    assertEquals(0.1030720104,
        new Simple<Normal>(Simple.Target.V, 0, 0).compute(handBatch(-1f, 0f)).getFloat(), 1e-6);
  }

  private static void assertClose(float[] expected, NDArray weights) {
    org.modulardiffusion.Reference.assertClose("weights", expected, weights.toFloatArray(), 1e-5, 1e-6);
  }
}
