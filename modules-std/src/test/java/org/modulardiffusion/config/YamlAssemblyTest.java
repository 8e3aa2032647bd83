package org.modulardiffusion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.noise.Gaussian;
import org.modulardiffusion.sampler.Ancestral;

/** The standard modules, bound by their generated binders and assembled into models from YAML. */
class YamlAssemblyTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(YamlAssemblyTest.class.getClassLoader());

  private static final String GAUSSIAN_MODEL = String.join("\n",
      "dataset:  {type: toy2d, count: 8}",
      "schedule: {type: cosine, steps: 10}",
      "noise:    {type: gaussian, parameter: epsilon}",
      "net:      {type: point-net}",
      "loss:     {type: simple, parameter: epsilon}",
      "train:    {batch: 4, seed: 0, device: cpu}");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DATA      | {type: identity}",
      "DATA      | {type: one-hot, k: 3}",
      "DATA      | {type: embedding, k: 5, d: 4}",
      "DATASET   | {type: toy2d, figure: rings, count: 10}",
      "GUIDANCE  | {type: classifier-free, dropout: 0.2, strength: 3}",
      "LOSS      | {type: simple, parameter: epsilon, index: 0}",
      "LOSS      | {type: vlb}",
      "NOISE     | {type: gaussian, parameter: mu, variance: fixed}",
      "NOISE     | {type: uniform, k: 4}",
      "NOISE     | {type: absorbing, k: 4}",
      "SAMPLER   | {type: ancestral}",
      "SAMPLER   | {type: ddim, steps: 5}",
      "SCHEDULE  | {type: constant, steps: 10, value: 0.9}",
      "SCHEDULE  | {type: cosine, steps: 10}",
      "SCHEDULE  | {type: linear, steps: 10, start: 0.99, end: 0.9}",
      "SCHEDULE  | {type: sqrt, steps: 10}",
      "TIME      | {type: discrete}"})
  void everyStandardModuleBindsFromYaml(ModuleKind kind, String yaml) {
    ConfigNode section = ConfigReader.parse(kind.key(), yaml);
    String name = section.get("type").asString();
    Object module = REGISTRY.binder(kind, name, "type").bind(section, REGISTRY);
    assertEquals(REGISTRY.binder(kind, name, "type").descriptor().type(), module.getClass());
  }

  @Test
  void gaussianModelAssemblesWithDefaultedSlots() {
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", GAUSSIAN_MODEL))) {
      assertInstanceOf(Gaussian.class, model.noise());
      assertEquals(10, model.steps());
    }
  }

  @Test
  void uniformNoiseOnUntaggedDataIsRefused() {
    String yaml = GAUSSIAN_MODEL.replace("{type: gaussian, parameter: epsilon}", "{type: uniform, k: 2}")
        .replace("{type: simple, parameter: epsilon}", "{type: vlb}");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml)));
    assertEquals("data: noise Uniform requires one-hot data, but data Identity produces untagged data; use a"
        + " data module marked @DataModule(produces = \"one-hot\")", e.getMessage());
  }

  @Test
  void ddimWithUniformNoiseIsRefused() {
    String yaml = GAUSSIAN_MODEL.replace("{type: gaussian, parameter: epsilon}", "{type: uniform, k: 2}")
        .replace("{type: simple, parameter: epsilon}", "{type: vlb}") + "\nsampler: {type: ddim, steps: 5}";
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml)));
    assertEquals("sampler: sampler DDIM walks only Normal, but noise Uniform produces Categorical; use a"
        + " Sampler<Categorical> or a generic sampler such as ancestral", e.getMessage());
  }

  @Test
  void aReplacedSamplerIsCheckedAgainstTheModel() {
    String yaml = GAUSSIAN_MODEL.replace("{type: gaussian, parameter: epsilon}", "{type: uniform, k: 2}")
        .replace("{type: simple, parameter: epsilon}", "{type: vlb}") + "\ndata: {type: one-hot, k: 2}";
    ConfigNode config = ConfigReader.parse("", yaml);
    ModelAssembler assembler = new ModelAssembler(REGISTRY);
    ConfigException e = assertThrows(ConfigException.class, () -> assembler.replace(
        config, ModuleKind.SAMPLER, ConfigReader.parse("--sampler", "{type: ddim, steps: 5}")));
    assertEquals("sampler: sampler DDIM walks only Normal, but noise Uniform produces Categorical; use a"
        + " Sampler<Categorical> or a generic sampler such as ancestral", e.getMessage());
    assertInstanceOf(Ancestral.class,
        assembler.replace(config, ModuleKind.SAMPLER, ConfigReader.parse("--sampler", "{type: ancestral}")));
  }

  @Test
  void aSpecsFactoryChecksWithTheDistributionsTheSpecResolved() {
    String yaml = String.join("\n",
        "dataset:  {type: toy2d, count: 8}",
        "schedule: {steps: 10}",
        "train:    {batch: 4, seed: 0, device: cpu}");
    try (Model<?> model = TemperedModelFactory.create(ConfigReader.parse("", yaml), REGISTRY)) {
      assertInstanceOf(Tempered.class, model.noise());
      assertInstanceOf(Walker.class, model.sampler());
    }
  }

  @Test
  void missingSlotIsNamed() {
    String yaml = GAUSSIAN_MODEL.replace("loss:     {type: simple, parameter: epsilon}\n", "");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml)));
    assertEquals("loss: the config has no loss; add loss: {type: …}", e.getMessage());
  }

  @Test
  void aHybridLossIsTheWeightedSumOfItsTerms() {
    String yaml = GAUSSIAN_MODEL.replace(
        "loss:     {type: simple, parameter: epsilon}",
        "loss:     [{type: simple, parameter: epsilon}, {type: vlb, weight: 0.001}]");
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml))) {
      assertEquals("1.0 * Simple(EPSILON, 0) + 0.001 * VLB", model.loss().toString());
    }
  }

  @Test
  void aHybridLossTermWithoutATypeIsNamed() {
    String yaml = GAUSSIAN_MODEL.replace(
        "loss:     {type: simple, parameter: epsilon}", "loss:     [{type: vlb}, {weight: 2}]");
    ConfigException e = assertThrows(ConfigException.class,
        () -> new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("", yaml)));
    assertEquals("loss[1]: expected a loss such as {type: vlb, weight: 0.001}", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{type: gaussian, parameter: eps}      | noise.parameter: expected one of [x, epsilon, mu, v], got \"eps\"",
      "{type: gaussian, paramter: x}         | noise.paramter: unknown key of noise gaussian; expected one of"
          + " [offset, parameter, type, variance]",
      "{type: uniform, k: two}               | noise.k: expected a number, got \"two\"",
      "{type: uniform, k: 1}                 | noise.k: expected a finite value in [2, inf], got 1",
      "{type: absorbing, k: 4, m: 9}         | noise: m must lie in [-4, 3], got 9",
      "{type: uniform}                       | noise.k: missing; noise uniform has no default for it",
      "{type: gausian}                       | noise.type: unknown noise \"gausian\"; installed: [absorbing, gaussian, opaque,"
          + " tempered, uniform, user-noise]"})
  void binderErrorsNameTheConfigPath(String yaml, String message) {
    ConfigNode section = ConfigReader.parse("noise", yaml);
    ConfigException e = assertThrows(ConfigException.class,
        () -> REGISTRY.binder(ModuleKind.NOISE, section.get("type").asString(), "noise.type").bind(section, REGISTRY));
    assertEquals(message, e.getMessage());
  }
}
