package org.modulardiffusion.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modulardiffusion.config.ConfigException;
import org.modulardiffusion.config.ConfigNode;
import org.modulardiffusion.config.ConfigReader;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The config of a run: the YAML tree read from a file, the embedded default or a checkpoint,
 * with the command line's overrides applied, as a {@link ConfigNode} and back as YAML.
 */
final class RunConfig {
  private static final String DEFAULT = "default.yaml";
  private final String source;
  private final Map<String, Object> tree;

  private RunConfig(String source, Map<String, Object> tree) {
    this.source = source;
    this.tree = tree;
  }

  /** The config in {@code file}. */
  static RunConfig read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + ": no such config file");
    }
    return parse(file.toString(), ConfigReader.text(file));
  }

  /** The embedded default: rendered digits, a small UNet, Gaussian noise on a cosine schedule. */
  static RunConfig defaults() {
    try (InputStream in = RunConfig.class.getResourceAsStream(DEFAULT)) {
      return parse("the default config", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config in {@code yaml}; {@code source} names it in errors. */
  @SuppressWarnings("unchecked")
  static RunConfig parse(String source, String yaml) {
    Object tree = ConfigReader.load(source, yaml);
    if (!(tree instanceof Map)) {
      throw new ConfigException(source, "expected a map of slots such as noise: {type: gaussian}");
    }
    return new RunConfig(source, new LinkedHashMap<>((Map<String, Object>) tree));
  }

  /** Sets {@code key} of {@code section} (created when absent) to {@code value}. */
  RunConfig with(String section, String key, Object value) {
    Map<String, Object> map = section(section);
    map.put(key, value);
    tree.put(section, map);
    return this;
  }

  /** A copy of {@code section}'s keys and values; empty when the config has no such section. */
  @SuppressWarnings("unchecked")
  Map<String, Object> section(String section) {
    Object current = tree.get(section);
    return current instanceof Map ? new LinkedHashMap<>((Map<String, Object>) current) : new LinkedHashMap<>();
  }

  /** Replaces {@code section} by {@code value}. */
  RunConfig replace(String section, Map<String, Object> value) {
    tree.put(section, new LinkedHashMap<>(value));
    return this;
  }

  /** The config as a tree whose errors name their path. */
  ConfigNode node() {
    return ConfigNode.of("", tree);
  }

  /** The config as YAML, one slot per line. */
  String yaml() {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.AUTO).build();
    return new Dump(settings).dumpToString(tree);
  }

  /** Where the config came from. */
  String source() {
    return source;
  }
}
