package org.modulardiffusion.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.modulardiffusion.processor.Sources.source;
import static org.modulardiffusion.processor.Sources.with;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every check on a {@code @DiffusionModel} spec: a failing spec with its error, and a valid one. */
@ParameterizedClass
@EnumSource(Toolchain.class)
class ModelSpecChecksTest {
  @Parameter Toolchain toolchain;

  private static JavaFileObject spec(String... methods) {
    String[] lines = new String[methods.length + 5];
    lines[0] = "package test;";
    lines[1] = "import org.modulardiffusion.annotation.DiffusionModel;";
    lines[2] = "@DiffusionModel";
    lines[3] = "public interface Digits {";
    System.arraycopy(methods, 0, lines, 4, methods.length);
    lines[lines.length - 1] = "}";
    return source("Digits", lines);
  }

  @Test
  void gaussianModelCompiles() {
    JavaFileObject spec = spec("Identity data();", "Cosine schedule();", "Gaussian noise();", "TinyNet net();",
        "Simple<Normal> loss();", "DDIM sampler();");
    assertThat(toolchain.compile(with(spec))).succeededWithoutWarnings();
  }

  @Test
  void categoricalModelWithGenericModulesCompiles() {
    JavaFileObject spec = spec("OneHot data();", "Cosine schedule();", "Uniform noise();", "TinyNet net();",
        "Simple<Categorical> loss();", "Ancestral<Categorical> sampler();");
    assertThat(toolchain.compile(with(spec))).succeededWithoutWarnings();
  }

  @Test
  void concreteLossMustTrainTheNoisesDistribution() {
    JavaFileObject spec = spec("OneHot data();", "Cosine schedule();", "Uniform noise();", "TinyNet net();",
        "NormalLoss loss();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "loss NormalLoss cannot train noise Uniform, which produces Categorical; use a Loss<Categorical> or a"
            + " generic loss")
        .inFile(spec).onLineContaining("NormalLoss loss()");
  }

  @Test
  void genericLossTypedForAnotherDistributionIsRefused() {
    JavaFileObject spec = spec("Cosine schedule();", "Gaussian noise();", "TinyNet net();",
        "Simple<Categorical> loss();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "loss Simple<Categorical> cannot train noise Gaussian, which produces Normal; use a Loss<Normal> or a"
            + " generic loss")
        .inFile(spec).onLineContaining("Simple<Categorical> loss()");
  }

  @Test
  void ddimNeedsGaussianNoise() {
    JavaFileObject spec = spec("OneHot data();", "Cosine schedule();", "Uniform noise();", "TinyNet net();",
        "Simple<Categorical> loss();", "DDIM sampler();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "sampler DDIM walks only Normal, but noise Uniform produces Categorical; use a Sampler<Categorical> or"
            + " a generic sampler such as ancestral")
        .inFile(spec).onLineContaining("DDIM sampler()");
  }

  @Test
  void ddimNeedsGaussianDiffusion() {
    JavaFileObject plain = Sources.noise("Plain", "Normal", "@NoiseModule", "");
    JavaFileObject spec = spec("Cosine schedule();", "Plain noise();", "TinyNet net();", "Simple<Normal> loss();",
        "DDIM sampler();");
    assertThat(toolchain.compile(with(plain, spec))).hadErrorContaining(
        "sampler DDIM needs a noise that implements GaussianDiffusion, but noise Plain does not; implement"
            + " GaussianDiffusion in Plain, or use a sampler that needs only the noise's distribution, such as"
            + " ancestral")
        .inFile(spec).onLineContaining("DDIM sampler()");
  }

  @Test
  void aUsersNoiseThatImplementsGaussianDiffusionFitsDdim() {
    JavaFileObject mine = Sources.gaussianNoise("Mine", "@NoiseModule", "");
    JavaFileObject spec = spec("Cosine schedule();", "Mine noise();", "TinyNet net();", "Simple<Normal> loss();",
        "DDIM sampler();");
    assertThat(toolchain.compile(with(mine, spec))).succeededWithoutWarnings();
  }

  @Test
  void aSamplersNeedIsAnyTypeItNames() {
    JavaFileObject scored = source("Scored", "package test;", "public interface Scored {}");
    JavaFileObject sharp = Sources.needingSampler("Sharp", "@SamplerModule", "Normal", "Scored");
    JavaFileObject spec = spec("Cosine schedule();", "Gaussian noise();", "TinyNet net();", "Simple<Normal> loss();",
        "Sharp sampler();");
    assertThat(toolchain.compile(with(scored, sharp, spec))).hadErrorContaining(
        "sampler Sharp needs a noise that implements Scored, but noise Gaussian does not; implement Scored in"
            + " Gaussian, or use a sampler that needs only the noise's distribution, such as ancestral")
        .inFile(spec).onLineContaining("Sharp sampler()");
  }

  /** A schedule that leaves no signal at T, as the standard {@code zero-terminal} does. */
  private static final JavaFileObject RESCALED = source("Rescaled",
      "package test;",
      "import ai.djl.ndarray.NDArray;",
      "import ai.djl.ndarray.NDManager;",
      "import org.modulardiffusion.annotation.*;",
      "import org.modulardiffusion.base.*;",
      "@ScheduleModule",
      "public class Rescaled extends Schedule implements ZeroTerminalSnr {",
      "  public Rescaled(@Param(min = 1) int steps) { super(steps); }",
      "  public NDArray compute(NDManager m) { return null; }",
      "}");

  @Test
  void aZeroTerminalScheduleRefusesANoiseThatPredictsEpsilonByItsType() {
    JavaFileObject ddpm = Sources.noise("Ddpm", "Normal", " implements PredictsEpsilon", "@NoiseModule", "");
    JavaFileObject spec = spec("Rescaled schedule();", "Ddpm noise();", "TinyNet net();", "Simple<Normal> loss();");
    assertThat(toolchain.compile(with(RESCALED, ddpm, spec))).hadErrorContaining(
        "schedule Rescaled leaves no signal at the last step (zero terminal SNR), where noise Ddpm, whose net"
            + " predicts epsilon, cannot recover x0; predict v or x instead (gaussian's parameter: v), or use a"
            + " schedule that keeps some signal")
        .inFile(spec).onLineContaining("Rescaled schedule()");
  }

  @Test
  void aZeroTerminalScheduleFitsANoiseWhosePredictionIsAParameter() {
    // Gaussian's parameter is the config's: the runtime checks it.
    JavaFileObject spec = spec("Rescaled schedule();", "Gaussian noise();", "TinyNet net();", "Simple<Normal> loss();",
        "DDIM sampler();");
    assertThat(toolchain.compile(with(RESCALED, spec))).succeededWithoutWarnings();
  }

  @Test
  void uniformNoiseNeedsOneHotData() {
    JavaFileObject spec = spec("Identity data();", "Cosine schedule();", "Uniform noise();", "TinyNet net();",
        "Simple<Categorical> loss();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "noise Uniform requires one-hot data, but data Identity produces untagged data; use a data module"
            + " marked @DataModule(produces = \"one-hot\")")
        .inFile(spec).onLineContaining("Identity data()");
  }

  @Test
  void requiredSlotMustBePresent() {
    JavaFileObject spec = spec("Cosine schedule();", "Gaussian noise();", "TinyNet net();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "model Digits has no loss; add a method returning a @LossModule class")
        .inFile(spec).onLineContaining("interface Digits");
  }

  @Test
  void slotMustNotBeGivenTwice() {
    JavaFileObject spec = spec("Cosine schedule();", "Cosine warmup();", "Gaussian noise();", "TinyNet net();",
        "Simple<Normal> loss();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "model Digits has two schedules, Cosine and Cosine; keep one")
        .inFile(spec).onLineContaining("Cosine warmup()");
  }

  @Test
  void methodsMustReturnModules() {
    JavaFileObject spec = spec("Cosine schedule();", "Gaussian noise();", "TinyNet net();",
        "Simple<Normal> loss();", "String label();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "method label() of model Digits returns String, which is not a module of a model slot; return a class"
            + " marked with a module annotation such as @NoiseModule")
        .inFile(spec).onLineContaining("String label()");
  }

  @Test
  void specMustBeAnInterface() {
    JavaFileObject spec = source("Digits", "package test;", "import org.modulardiffusion.annotation.*;",
        "@DiffusionModel", "public abstract class Digits {}");
    assertThat(toolchain.compile(spec)).hadErrorContaining(
        "@DiffusionModel Digits is not an interface; make it an interface whose methods return module types")
        .inFile(spec).onLineContaining("abstract class Digits");
  }

  @Test
  void typeThatNeverResolvesIsReported() {
    JavaFileObject spec = spec("Cosine schedule();", "Gaussian noise();", "TinyNet net();",
        "Simple<Normal> loss();", "Missing sampler();");
    assertThat(toolchain.compile(with(spec))).hadErrorContaining(
        "test.Digits could not be processed, because Missing could not be resolved; if it is a generated type,"
            + " check above for errors")
        .inFile(spec).onLineContaining("interface Digits");
  }
}
