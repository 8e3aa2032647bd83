package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modulardiffusion.annotation.ModuleKind;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.TrainingListener;

/**
 * The plugin's modules as the CLI sees them: found by name through {@code ServiceLoader} next to
 * the standard modules, and assembled from YAML into models that train.
 */
class PluginTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(PluginTest.class.getClassLoader());

  private static final String TINY = String.join("\n",
      "dataset:  {type: toy2d, count: 64}",
      "schedule: {type: tutorial-linear, steps: 10, start: 0.999, end: 0.9}",
      "noise:    {type: ddpm}",
      "net:      {type: tiny-mlp, width: 16, labels: 2}",
      "loss:     {type: %s}",
      "train:    {epochs: 1, batch: 32, lr: 1e-3, seed: 0, device: cpu}");

  @ParameterizedTest
  @CsvSource({
      "DATA,     tutorial-embedding, TutorialEmbedding",
      "SCHEDULE, tutorial-linear,    TutorialLinear",
      "NOISE,    ddpm,               DDPM",
      "NET,      tiny-mlp,           TinyMlp",
      "LOSS,     tutorial-simple,    TutorialSimple",
      "LOSS,     tutorial-vlb,       TutorialVLB"})
  void pluginModulesAreFoundByName(ModuleKind kind, String name, String type) {
    assertEquals(
        "org.modulardiffusion.sample." + type, REGISTRY.binder(kind, name, "type").descriptor().type().getName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tutorial-simple", "tutorial-vlb"})
  void yamlModelOfPluginModulesTrainsOneEpoch(String loss) {
    ConfigNode config = ConfigReader.parse("", TINY.formatted(loss));
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(config)) {
      assertInstanceOf(DDPM.class, model.noise());
      List<Float> losses = Training.of(config.section("train")).loop(model).progress(TrainingListener.none()).build()
          .train(1);
      assertEquals(1, losses.size());
      assertTrue(Float.isFinite(losses.get(0)), () -> "loss " + losses);
    }
  }

  @Test
  void shippedTutorialConfigAssembles() throws IOException {
    String yaml;
    try (InputStream in = PluginTest.class.getResourceAsStream("/configs/tutorial.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(ConfigReader.parse("tutorial.yaml", yaml))) {
      assertInstanceOf(DDPM.class, model.noise());
      assertInstanceOf(TinyMlp.class, model.net());
    }
  }
}
