package org.modulardiffusion.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.Sampler;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.net.Mlp;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.sampler.DDIM;
import org.modulardiffusion.sampler.Spacing;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * A small Mlp trained on two moons (noise 0.05) for 1,200 steps with a moving average of its
 * weights (decay 0.995): 1,000 samples drawn with the average lie much closer to held-out moons
 * than the stationary noise does, with the ancestral sampler and with DDIM. The ratio is
 * (distance − floor)/(ceiling − floor): 0 as good as data, 1 as bad as noise.
 */
class PointEvaluationTest {
  private static final int STEPS = 100;
  private static Model<Normal> model;

  @BeforeAll
  static void train() {
    model = Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(STEPS))
        .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED))
        .net(new Mlp(0, 1, 128, 3))
        .loss(new Simple<>(Simple.Target.EPSILON, 0))
        .time(new Discrete())
        .sampler(new Ancestral<>())
        .dataset(new Toy2d(Toy2d.Figure.MOONS, 2048, 0.05, 7))
        .averageWeights(0.995)
        .seed(11)
        .build();
    TrainingLoop.builder(model).batchSize(128).learningRate(3e-3f).seed(11).progress(TrainingListener.none()).build()
        .train(75); // 16 steps an epoch: 1,200 steps
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Measures samples drawn with the moving average of the weights, as {@code diffusion sample} draws them. */
  private static PointEvaluation measure(Sampler<Normal> sampler) {
    PointEvaluation result;
    try (Model.AveragedWeights averaged = model.averagedWeights()) {
      result = PointEvaluation.measure(SampleSource.of(model, sampler, SamplingProgress.none()), new long[0], 1000,
          new Toy2d(Toy2d.Figure.MOONS, 2000, 0.05, 99), model.guidance());
    }
    System.out.printf(
        "%s: SW %.4f (floor %.4f, ceiling %.4f, ratio %.3f); MMD² %.5f (floor %.5f, ceiling %.5f, ratio %.3f), sigma %.3f%n",
        sampler, result.slicedWasserstein().samples(), result.slicedWasserstein().floor(),
        result.slicedWasserstein().ceiling(), result.slicedWasserstein().ratio(), result.mmd().samples(),
        result.mmd().floor(), result.mmd().ceiling(), result.mmd().ratio(), result.bandwidth());
    assertEquals(1000, result.count());
    return result;
  }

  @Test
  void ancestralSamplesLieMuchCloserToTheDataThanTheNoise() {
    PointEvaluation result = measure(new Ancestral<>());
    // Measured: SW ratio 0.10, MMD² ratio 0.03 (with the trained weights themselves: 0.12, 0.02).
    assertTrue(result.slicedWasserstein().ratio() < 0.25, "SW ratio " + result.slicedWasserstein().ratio());
    assertTrue(result.mmd().ratio() < 0.15, "MMD ratio " + result.mmd().ratio());
  }

  @Test
  void deterministicDdimSamplesInTwentyFiveStepsLieMuchCloserToTheDataThanTheNoise() {
    PointEvaluation result = measure(new DDIM(0, 25, Spacing.TRAILING, 7, 0));
    // Measured: SW ratio 0.12, MMD² ratio 0.03. With the trained weights themselves deterministic
    // DDIM measured 0.28 to 0.71: its first step from t = T multiplies the error of the predicted
    // noise by sqrt(delta_s / delta_T), about 95 for Cosine(100) in 25 steps, and the average of
    // the weights predicts the noise with a smaller error than the weights of any one step.
    assertTrue(result.slicedWasserstein().ratio() < 0.25, "SW ratio " + result.slicedWasserstein().ratio());
    assertTrue(result.mmd().ratio() < 0.15, "MMD ratio " + result.mmd().ratio());
  }
}
