package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.Training;
import org.modulardiffusion.engine.Model;
import org.modulardiffusion.train.TrainingListener;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The five reference configs (and the tutorial's) assemble — which runs one batch through every
 * module — and train one tiny epoch: their data sets cut to 16 examples in batches of 8.
 */
class ReferenceConfigsTest {
  private static final ModuleRegistry REGISTRY = ModuleRegistry.load(ReferenceConfigsTest.class.getClassLoader());

  @ParameterizedTest
  @ValueSource(strings = {
      "digits-unconditional", "digits-guided", "digits-transformer",
      "grammar-embedding", "grammar-absorbing", "tutorial"})
  void validatesAndTrainsOneTinyEpoch(String name) throws IOException {
    Map<String, Object> config = read("/configs/" + name + ".yaml");
    section(config, "dataset").put("count", 16);
    section(config, "train").putAll(Map.of("epochs", 1, "batch", 8));
    ConfigNode node = ConfigNode.of("", config);
    try (Model<?> model = new ModelAssembler(REGISTRY).assemble(node)) {
      List<Float> losses = Training.of(node.section("train")).loop(model).progress(TrainingListener.none()).build()
          .train(1);
      assertEquals(1, losses.size());
      assertTrue(Float.isFinite(losses.get(0)), name + ": loss " + losses.get(0));
      assertEquals(2, model.step(), name + ": 16 examples in batches of 8");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String resource) throws IOException {
    try (InputStream in = ReferenceConfigsTest.class.getResourceAsStream(resource)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> config, String key) {
    Map<String, Object> section = new LinkedHashMap<>((Map<String, Object>) config.get(key));
    config.put(key, section);
    return section;
  }
}
