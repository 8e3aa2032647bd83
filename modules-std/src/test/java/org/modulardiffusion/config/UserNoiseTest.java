package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.data.Identity;
import org.modulardiffusion.dataset.Toy2d;
import org.modulardiffusion.distribution.Normal;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.loss.Simple;
import org.modulardiffusion.net.Mlp;
import org.modulardiffusion.progress.SamplingProgress;
import org.modulardiffusion.sampler.Ancestral;
import org.modulardiffusion.sampler.DDIM;
import org.modulardiffusion.sampler.DPMSolver;
import org.modulardiffusion.sampler.Spacing;
import org.modulardiffusion.schedule.Cosine;
import org.modulardiffusion.time.Discrete;
import org.modulardiffusion.train.TrainingListener;
import org.modulardiffusion.train.TrainingLoop;

/**
 * A user's noise and DDIM, as a plugin author meets them: one that implements GaussianDiffusion
 * compiles in a spec with DDIM (UserNoiseModel), trains and samples; one that does not is refused,
 * in the same words, wherever a model gets DDIM — a config, a swapped sampler, Java code.
 */
class UserNoiseTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(UserNoiseTest.class.getClassLoader());
  private static final String MISFIT = "sampler DDIM needs a noise that implements GaussianDiffusion, but noise"
      + " Opaque does not; implement GaussianDiffusion in Opaque, or use a sampler that needs only the noise's"
      + " distribution, such as ancestral";
  private static final String OPAQUE_MODEL = String.join("\n",
      "dataset:  {type: toy2d, count: 8}",
      "schedule: {type: cosine, steps: 10}",
      "noise:    {type: opaque}",
      "net:      {type: point-net}",
      "loss:     {type: simple, parameter: epsilon}",
      "train:    {batch: 4, seed: 0, device: cpu}");

  @Test
  void aUsersGaussianDiffusionTrainsAndSamplesWithDdimAndDpmSolver() {
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, figure: gaussians, count: 1024, noise: 0.1, seed: 7}",
        "schedule: {steps: 50}",
        "net:      {labels: 8, width: 64, depth: 2}",
        "loss:     {parameter: epsilon}",
        "sampler:  {steps: 10, clip: 0}",
        "train:    {batch: 128, lr: 3e-3, seed: 11, device: cpu}");
    ConfigNode config = ConfigReader.parse("", yaml);
    try (Model<Normal> model = UserNoiseModelFactory.create(config, REGISTRY);
        NDManager manager = NDManager.newBaseManager()) {
      assertInstanceOf(UserNoise.class, model.noise());
      assertInstanceOf(DDIM.class, model.sampler());
      TrainingLoop<Normal> loop = Training.of(config.section("train")).loop(model)
          .progress(TrainingListener.none()).build();
      List<Float> losses = loop.train(25); // 200 steps
      // An untrained ε-predictor starts near 1, the variance of ε; training lowers it.
      assertTrue(losses.get(24) < 0.8 * losses.get(0), "losses " + losses);

      NDArray trajectory = model.sample(manager, new long[] {1, 5}, 100);
      // DDIM in 10 steps: the stationary noise and 10 steps, 200 points of two coordinates.
      assertArrayEquals(new long[] {11, 200, 2}, trajectory.getShape().getShape());
      NDArray points = trajectory.get(10);
      assertTrue(points.isInfinite().logicalOr(points.isNaN()).none().getBoolean(), "finite samples");
      // Labels 1 and 5 are the components centred on (2, 0) and (−2, 0), 4 apart; the noise that
      // DDIM starts from is centred on (0, 0). Measured: (2.29, 0.20) and (−2.38, 0.13).
      float[] first = points.get("0:100").mean(new int[] {0}).toFloatArray();
      float[] fifth = points.get("100:200").mean(new int[] {0}).toFloatArray();
      System.out.printf("user noise with DDIM: loss %.3f -> %.3f, label 1 at (%.2f, %.2f), label 5 at (%.2f, %.2f)%n",
          losses.get(0), losses.get(24), first[0], first[1], fifth[0], fifth[1]);
      assertEquals(2, first[0], 0.75);
      assertEquals(0, first[1], 0.75);
      assertEquals(-2, fifth[0], 0.75);
      assertEquals(0, fifth[1], 0.75);

      // The same noise with DPM-Solver++(2M), which needs of it what DDIM needs, in 10 steps.
      NDArray solved = model.sample(manager, new long[] {1, 5}, 100, 10,
          new DPMSolver(10, 2, Spacing.TRAILING, 7, 0), model.guidance(), SamplingProgress.none());
      NDArray last = solved.get(solved.getShape().get(0) - 1);
      float[] firstSolved = last.get("0:100").mean(new int[] {0}).toFloatArray();
      float[] fifthSolved = last.get("100:200").mean(new int[] {0}).toFloatArray();
      assertEquals(2, firstSolved[0], 0.75);
      assertEquals(0, firstSolved[1], 0.75);
      assertEquals(-2, fifthSolved[0], 0.75);
      assertEquals(0, fifthSolved[1], 0.75);
    }
  }

  @Test
  void aNoiseThatIsNoGaussianDiffusionIsRefusedDdimInAConfig() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ModelAssembler(REGISTRY)
        .assemble(ConfigReader.parse("", OPAQUE_MODEL + "\nsampler:  {type: ddim, steps: 5}")));
    assertEquals("sampler: " + MISFIT, e.getMessage());
  }

  @Test
  void aNoiseThatIsNoGaussianDiffusionIsRefusedDdimSwappedIn() {
    ConfigNode config = ConfigReader.parse("", OPAQUE_MODEL);
    ModelAssembler assembler = new ModelAssembler(REGISTRY);
    ConfigException e = assertThrows(ConfigException.class, () -> assembler.replace(
        config, ModuleKind.SAMPLER, ConfigReader.parse("--sampler", "{type: ddim, steps: 5}")));
    assertEquals("sampler: " + MISFIT, e.getMessage());
    assertInstanceOf(Ancestral.class,
        assembler.replace(config, ModuleKind.SAMPLER, ConfigReader.parse("--sampler", "{type: ancestral}")));
  }

  private static Model.Builder<Normal> opaque() {
    return Model.<Normal>builder()
        .data(new Identity())
        .schedule(new Cosine(10))
        .noise(new Opaque())
        .net(new Mlp(0, 1, 8, 1))
        .loss(new Simple<>(Simple.Target.EPSILON, 0))
        .time(new Discrete())
        .dataset(new Toy2d(Toy2d.Figure.MOONS, 8, 0.05, 0));
  }

  @Test
  void aNoiseThatIsNoGaussianDiffusionIsRefusedDdimInJava() {
    // javac accepts DDIM, a Sampler<Normal>, for a Noise<Normal>; the builder checks the rest.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> opaque().sampler(new DDIM(0, 5, Spacing.TRAILING, 7, 0)).build());
    assertEquals(MISFIT, e.getMessage());
    try (Model<Normal> model = opaque().sampler(new Ancestral<>()).build();
        NDManager manager = NDManager.newBaseManager()) {
      assertEquals(MISFIT, assertThrows(IllegalArgumentException.class,
          () -> model.sample(manager, new long[0], 2, 1, new DDIM(0, 5, Spacing.TRAILING, 7, 0))).getMessage());
      assertArrayEquals(new long[] {11, 2, 2}, model.sample(manager, new long[0], 2).getShape().getShape());
    }
  }
}
