package org.modulardiffusion.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigSchema;
import org.modulardiffusion.config.ModelAssembler;
import org.modulardiffusion.config.ModuleRegistry;
import org.modulardiffusion.config.internal.ModuleProvider;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The config schema against a real validator (networknt's, draft 7): every reference config
 * passes; what {@code validate} refuses (an unknown key, module or slot, a wrong type, a value
 * out of range) the schema refuses too; the schema files in the repository are current.
 */
class ConfigSchemaTest {
  private static final Path ROOT = Path.of(System.getProperty("modulardiffusion.root"));
  private static final Path CONFIGS = ROOT.resolve("sample-plugins/src/main/resources/configs");
  private static final Path DEFAULT = ROOT.resolve("runtime/src/main/resources/org/modulardiffusion/cli/default.yaml");
  private static final String SCHEMA_LINE = "# yaml-language-server: $schema=";
  /** The standard modules and the sample plugins: what the test's class path holds. */
  private static final ModuleRegistry ALL = ModuleRegistry.load(ConfigSchemaTest.class.getClassLoader());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The standard modules alone: what the launcher offers without --plugins. */
  private static ModuleRegistry standard() {
    List<ModuleProvider> providers = ServiceLoader.load(ModuleProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> !provider.getClass().getPackageName().equals("org.modulardiffusion.sample"))
        .toList();
    return ModuleRegistry.of(providers);
  }

  private static JsonSchema schema(String json) {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(json);
  }

  @Test
  void theSchemaFilesAreCurrent() throws IOException {
    assertEquals(ConfigSchema.of(standard()), Files.readString(ROOT.resolve("docs/config.schema.json")),
        "regenerate with ./diffusion schema > docs/config.schema.json");
    assertEquals(ConfigSchema.of(ALL), Files.readString(ROOT.resolve("sample-plugins/config.schema.json")),
        "regenerate with ./diffusion --plugins sample-plugins/target schema > sample-plugins/config.schema.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "digits-unconditional.yaml", "digits-guided.yaml", "digits-transformer.yaml",
      "grammar-embedding.yaml", "grammar-absorbing.yaml", "tutorial.yaml", "default.yaml"})
  void everyReferenceConfigNamesItsSchemaAndPassesIt(String name) throws IOException {
    Path config = name.equals("default.yaml") ? DEFAULT : CONFIGS.resolve(name);
    String first = Files.readAllLines(config, StandardCharsets.UTF_8).get(0);
    assertTrue(first.startsWith(SCHEMA_LINE), first);
    Path schemaFile = config.getParent().resolve(first.substring(SCHEMA_LINE.length())).normalize();
    assertTrue(Files.isRegularFile(schemaFile), schemaFile::toString);
    Set<ValidationMessage> errors =
        schema(Files.readString(schemaFile)).validate(JSON.valueToTree(yaml(Files.readString(config))));
    assertEquals(Set.of(), errors);
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
        Arguments.of("an unknown key", (Consumer<Map<String, Object>>) c -> section(c, "noise").put("paramter", "x")),
        Arguments.of("an unknown slot", (Consumer<Map<String, Object>>) c -> c.put("noize", Map.of("type", "gaussian"))),
        Arguments.of("an unknown module", (Consumer<Map<String, Object>>) c -> section(c, "noise").put("type", "gaussain")),
        Arguments.of("a wrong type", (Consumer<Map<String, Object>>) c -> section(c, "schedule").put("steps", "many")),
        Arguments.of("a wrong enum value", (Consumer<Map<String, Object>>) c -> section(c, "noise").put("parameter", "eps")),
        Arguments.of("a value out of range", (Consumer<Map<String, Object>>) c -> section(c, "guidance").put("dropout", 1.5)),
        Arguments.of("a missing required key", (Consumer<Map<String, Object>>) c -> section(c, "schedule").remove("steps")),
        Arguments.of("a missing slot", (Consumer<Map<String, Object>>) c -> c.remove("net")),
        Arguments.of("an unknown train key", (Consumer<Map<String, Object>>) c -> section(c, "train").put("epoch", 2)),
        Arguments.of("a train value out of range", (Consumer<Map<String, Object>>) c -> section(c, "train").put("batch", 0)),
        Arguments.of("a hybrid loss term of no module",
            (Consumer<Map<String, Object>>) c -> c.put("loss", List.of(Map.of("type", "simple"), Map.of("weight", 2)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void whatValidateRefusesTheSchemaRefuses(String what, Consumer<Map<String, Object>> mutation) throws IOException {
    Map<String, Object> config = yaml(Files.readString(CONFIGS.resolve("digits-guided.yaml")));
    mutation.accept(config);
    assertThrows(ConfigException.class, () -> new ModelAssembler(ALL).builder(ConfigNode.of("", config)), what);
    Set<ValidationMessage> errors = schema(ConfigSchema.of(ALL)).validate(JSON.valueToTree(config));
    assertFalse(errors.isEmpty(), what + " passes the schema");
  }

  @Test
  void aHybridLossPassesTheSchema() throws IOException {
    Map<String, Object> config = yaml(Files.readString(CONFIGS.resolve("digits-guided.yaml")));
    config.put("loss", List.of(Map.of("type", "simple", "parameter", "epsilon"), Map.of("type", "vlb", "weight", 0.001)));
    assertEquals(Set.of(), schema(ConfigSchema.of(ALL)).validate(JSON.valueToTree(config)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return new LinkedHashMap<>((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> config, String key) {
    Map<String, Object> section = new LinkedHashMap<>((Map<String, Object>) config.get(key));
    config.put(key, section);
    return section;
  }
}
