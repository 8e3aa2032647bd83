package org.modulardiffusion.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.base.GaussianDiffusion;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.net.Mlp;
import org.modulardiffusion.sampler.DDIM;
import org.modulardiffusion.sampler.Spacing;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.schedule.ZeroTerminal;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * v-prediction sampled with DDIM, on a schedule rescaled to zero terminal SNR, where it must work
 * and ε-prediction is refused: with the ideal denoiser as the net, and trained from a config.
 */
class VPredictionTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(VPredictionTest.class.getClassLoader());
  private static final String REFUSED = "schedule ZeroTerminal leaves no signal at the last step (zero terminal"
      + " SNR), where noise Gaussian, whose net predicts epsilon, cannot recover x0; predict v or x instead"
      + " (gaussian's parameter: v), or use a schedule that keeps some signal";

  /**
   * For data that is always the point c, the ideal v-predictor is v = a ε − σ c with ε = (x<sub>t</sub> −
   * a c)/σ, from which x̂<sub>0</sub> = c exactly; deterministic DDIM then keeps ε̂ = x<sub>T</sub> (at
   * a<sub>T</sub> = 0 x<sub>T</sub> is ε itself, and v = −c) and lands at t = 0 on √delta<sub>0</sub> c +
   * √(1 − delta<sub>0</sub>) x<sub>T</sub>, where delta<sub>0</sub> = alpha<sub>0</sub> of Cosine(20), kept by the
   * rescaling: f(1)/f(0) with f(t) = cos²((t/22 + 0.008)/1.008·π/2).
   */
  @Test
  void ddimWithTheIdealVPredictorLandsOnTheData() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(4);
      Gaussian noise = new Gaussian(Gaussian.Parameter.V, Gaussian.Variance.FIXED);
      noise.schedule(new ZeroTerminal(new Cosine(20)).compute(manager));
      assertEquals(0, noise.delta(20));
      float[] c = {0.7f, -1.2f, 2f};
      NDArray point = manager.create(c).reshape(1, 3).repeat(0, 4);
      NDArray start = manager.randomNormal(new Shape(4, 3));
      NDArray z = start;
      DDIM ddim = new DDIM(0, 5, Spacing.TRAILING, 7, 0);
      int[] times = ddim.times(noise, 20);
      assertArrayEquals(new int[] {20, 16, 12, 8, 4, 0}, times);
      for (int i = 0; i + 1 < times.length; i++) {
        NDArray time = manager.full(new Shape(4), times[i]).toType(DataType.INT64, false);
        GaussianDiffusion.Scales scales = noise.scales(z, time);
        NDArray epsilon = scales.epsilonFromX0(z, point);
        if (times[i] == 20) {
          epsilon = z; // σ_T = 1, a_T = 0: x_T is ε itself
        }
        NDArray v = scales.v(point, epsilon).expandDims(0);
        z = ddim.transition(noise, z, time, times[i], times[i + 1], v, 0).mu();
      }
      double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
      double f1 = Math.pow(Math.cos((1 / 22.0 + 0.008) / 1.008 * Math.PI / 2), 2);
      double delta0 = f1 / f0;
      float[] noiseAtT = start.toFloatArray();
      float[] landed = z.toFloatArray();
      for (int i = 0; i < landed.length; i++) {
        double expected = Math.sqrt(delta0) * c[i % 3] + Math.sqrt(1 - delta0) * noiseAtT[i];
        assertEquals(expected, landed[i], 1e-4, "coordinate " + i);
      }
    }
  }

  /**
   * Trained on eight gaussians to predict v, with min-SNR-5 weighting, on a cosine schedule rescaled
   * to zero terminal SNR; DDIM in 10 steps puts labels 1 and 5 near their components' centres, (2, 0)
   * and (−2, 0), 4 apart, starting from noise centred on (0, 0).
   */
  @Test
  @SuppressWarnings("unchecked")
  void aVPredictingModelTrainsAndSamplesWithDdim() {
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, figure: gaussians, count: 1024, noise: 0.1, seed: 7}",
        "schedule: {type: zero-terminal, schedule: {type: cosine, steps: 50}}",
        "noise:    {type: gaussian, parameter: v}",
        "net:      {type: mlp, labels: 8, width: 64, depth: 2}",
        "loss:     {type: simple, parameter: v, gamma: 5}",
        "sampler:  {type: ddim, steps: 10, clip: 0}",
        "train:    {batch: 128, lr: 3e-3, seed: 11, device: cpu}");
    ConfigNode config = ConfigReader.parse("", yaml);
    try (Model<Normal> model = (Model<Normal>) new ModelAssembler(REGISTRY).assemble(config);
        NDManager manager = NDManager.newBaseManager()) {
      TrainingLoop<Normal> loop = Training.of(config.section("train")).loop(model)
          .progress(TrainingListener.none()).build();
      List<Float> losses = loop.train(25); // 200 steps
      assertTrue(losses.get(24) < 0.8 * losses.get(0), "losses " + losses);
      NDArray points = model.sample(manager, new long[] {1, 5}, 100).get(10);
      assertTrue(points.isInfinite().logicalOr(points.isNaN()).none().getBoolean(), "finite samples");
      float[] first = points.get("0:100").mean(new int[] {0}).toFloatArray();
      float[] fifth = points.get("100:200").mean(new int[] {0}).toFloatArray();
      System.out.printf("v-prediction with DDIM: loss %.3f -> %.3f, label 1 at (%.2f, %.2f), label 5 at (%.2f, %.2f)%n",
          losses.get(0), losses.get(24), first[0], first[1], fifth[0], fifth[1]);
      assertEquals(2, first[0], 0.75);
      assertEquals(0, first[1], 0.75);
      assertEquals(-2, fifth[0], 0.75);
      assertEquals(0, fifth[1], 0.75);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void eulerCannotStartWhereAZeroTerminalScheduleLeavesNoSignalAndSaysWhatCan() {
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, count: 8}",
        "schedule: {type: zero-terminal, schedule: {type: cosine, steps: 10}}",
        "noise:    {type: gaussian, parameter: v}",
        "net:      {type: mlp}",
        "loss:     {type: simple, parameter: v}",
        "sampler:  {type: euler, steps: 5, spacing: trailing}",
        "train:    {batch: 4, seed: 0, device: cpu}");
    try (Model<Normal> model = (Model<Normal>) new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml));
        NDManager manager = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.sample(manager, new long[0], 2));
      assertEquals("the steps in EDM's variables (euler, heun, euler-ancestral) cannot start at t = 10, where the"
          + " schedule leaves no signal (zero terminal SNR); use dpm-solver++ or ddim, or spacing: leading, which does"
          + " not visit T", e.getMessage());
    }
  }

  @Test
  void epsilonPredictionIsRefusedAZeroTerminalScheduleInAConfig() {
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, count: 8}",
        "schedule: {type: zero-terminal, schedule: {type: linear, steps: 10, start: 0.999, end: 0.9}}",
        "noise:    {type: gaussian, parameter: epsilon}",
        "net:      {type: mlp}",
        "loss:     {type: simple, parameter: epsilon}",
        "train:    {batch: 4, seed: 0, device: cpu}");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml)));
    assertEquals("noise: " + REFUSED, e.getMessage());
  }

  @Test
  void epsilonPredictionIsRefusedAZeroTerminalScheduleInJava() {
    Model.Builder<Normal> builder = Model.<Normal>builder()
        .data(new Identity())
        .schedule(new ZeroTerminal(new Cosine(10)))
        .noise(new Gaussian(Gaussian.Parameter.EPSILON, Gaussian.Variance.FIXED))
        .net(new Mlp(0, 1, 8, 1))
        .loss(new Simple<>(Simple.Target.EPSILON, 0))
        .time(new Discrete())
        .sampler(new DDIM(0, 5, Spacing.TRAILING, 7, 0))
        .dataset(new Toy2d(Toy2d.Figure.MOONS, 8, 0.05, 0));
    assertEquals(REFUSED, assertThrows(IllegalArgumentException.class, builder::build).getMessage());
  }
}
